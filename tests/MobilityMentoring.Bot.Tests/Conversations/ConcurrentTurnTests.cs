using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

/// <summary>A dialog that counts the client's messages in its saved state: lost updates show as a wrong count.</summary>
public sealed class CountingDialog : IDialog
{
    public string Id => "counting";

    public Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken) => ContinueAsync(dialog, cancellationToken);

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var count = (dialog.Values["count"]?.GetValue<int>() ?? 0) + 1;
        dialog.Values["count"] = count;
        await dialog.Turn.SendAsync(
            dialog.Turn.Activity.CreateReply("count " + count.ToString(CultureInfo.InvariantCulture), dialog.Turn.Now), cancellationToken);
        return DialogStatus.Waiting;
    }
}

public sealed class CountingAppFactory : TwilioAppFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        WithSetting("Dialogs:RootDialog", "counting");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IDialog, CountingDialog>());
    }
}

public sealed class ConcurrentTurnTests(CountingAppFactory app) : IClassFixture<CountingAppFactory>
{
    [Fact]
    public async Task Messages_from_one_client_arriving_together_are_processed_one_after_the_other()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        const int together = 8;

        var responses = await Task.WhenAll(Enumerable.Range(0, together).Select(i => app.ReceiveAsync(phone, "bericht " + i)));

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
        await using var scope = app.NewScope();
        var state = await scope.Db.ConversationStates.SingleAsync(s => s.ClientId == client.Id);
        Assert.Equal(together, JsonNode.Parse(state.Data)!["count"]!.GetValue<int>());
        Assert.Equal(together, state.Version);
        var replies = await scope.Db.Messages.Where(m => m.To == phone).Select(m => m.Body).ToListAsync();
        Assert.Equal(Enumerable.Range(1, together).Select(i => "count " + i).Order(), replies.Order());
    }

    [Fact]
    public async Task Different_clients_do_not_wait_for_each_other_and_each_get_their_own_state()
    {
        var phones = Enumerable.Range(0, 4).Select(_ => Phones.Next()).ToList();
        foreach (var phone in phones)
        {
            await app.AddClientAsync(phone);
        }

        await Task.WhenAll(phones.SelectMany(p => new[] { app.ReceiveAsync(p, "a"), app.ReceiveAsync(p, "b") }));

        await using var scope = app.NewScope();
        foreach (var phone in phones)
        {
            var bodies = await scope.Db.Messages.Where(m => m.To == phone).Select(m => m.Body).ToListAsync();
            Assert.Equal(["count 1", "count 2"], bodies.Order());
        }
    }
}
