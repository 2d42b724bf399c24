using System.Net;
using System.Net.Http.Json;
using MobilityMentoring.Bot.Channels.Simulator;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Simulator;

public sealed class SimulatorTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_simulated_phone_chats_through_the_same_pipeline_and_nothing_goes_to_Twilio()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        using var http = app.CreateClient();

        var sent = await http.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest("06-" + phone[4..], "HULP"));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var conversation = await Eventually.GetAsync(
            () => http.GetFromJsonAsync<List<SimulatorMessage>>($"/simulator/api/messages?phone={Uri.EscapeDataString(phone)}"),
            messages => messages.Any(m => m.Direction == "out" && m.Status == "Delivered"),
            "the simulated reply");
        Assert.Equal(["in", "out"], conversation.Select(m => m.Direction));
        Assert.Equal("HULP", conversation[0].Text);
        Assert.Contains("computer, geen mens", conversation[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"].Contains(phone[4..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_is_served()
    {
        var page = await app.CreateClient().GetStringAsync("/simulator");
        Assert.Contains("<form id=\"send\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "hoi", "phone")]
    [InlineData("0612345678", null, "text")]
    public async Task Bad_input_is_a_validation_problem_naming_the_field(string phone, string? text, string field)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(phone, text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SimulatorAccessTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task By_default_the_simulator_is_for_signed_in_staff_only()
    {
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/simulator/api/clients")).StatusCode);

        using var mentor = app.CreateClientAs("mentor", MobilityMentoring.Bot.Accounts.Roles.Mentor);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync("/simulator/api/clients")).StatusCode);
    }
}
