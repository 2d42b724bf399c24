using System.Reflection;
using Microsoft.Extensions.Configuration;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Channels.Simulator;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Jobs;
using MobilityMentoring.Bot.Transport;

namespace MobilityMentoring.Bot.Tests;

public sealed class ConfigurationTemplateTests
{
    public static TheoryData<string> SettingKeys()
    {
        var data = new TheoryData<string> { "ConnectionStrings:Postgres" };
        foreach (var (section, type) in new (string, Type)[]
                 {
                     (TwilioOptions.Section, typeof(TwilioOptions)),
                     (StorageOptions.Section, typeof(StorageOptions)),
                     (KeyRingOptions.Section, typeof(KeyRingOptions)),
                     (ProxyOptions.Section, typeof(ProxyOptions)),
                     (BootstrapOptions.Section, typeof(BootstrapOptions)),
                     (SignInOptions.Section, typeof(SignInOptions)),
                     (DemoOptions.Section, typeof(DemoOptions)),
                     (JobsOptions.Section, typeof(JobsOptions)),
                     (OutboxOptions.Section, typeof(OutboxOptions)),
                     (InboundOptions.Section, typeof(InboundOptions)),
                     (SimulatorOptions.Section, typeof(SimulatorOptions)),
                     (DialogOptions.Section, typeof(DialogOptions)),
                 })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                // Read from ConnectionStrings:Postgres, not from the Storage section.
                if (property.Name != nameof(StorageOptions.PostgresConnectionString))
                {
                    data.Add($"{section}:{property.Name}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SettingKeys))]
    public void Every_setting_appears_in_the_template(string key)
    {
        var template = new ConfigurationBuilder().AddJsonFile(TemplatePath()).Build();
        Assert.True(template.GetSection(key).Exists(), $"appsettings.template.json lacks {key}");
    }

    /// <summary>Issue 15, finding 10: the template answered to any host name.</summary>
    [Fact]
    public void The_template_names_the_hosts_the_service_answers_to()
    {
        var template = new ConfigurationBuilder().AddJsonFile(TemplatePath()).Build();
        Assert.NotEqual("*", template["AllowedHosts"]);
    }

    private static string TemplatePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "appsettings.template.json")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new FileNotFoundException("appsettings.template.json"), "appsettings.template.json");
    }
}
