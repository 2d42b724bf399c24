using System.Text;
using MobilityMentoring.Bot.Channels.Twilio;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>Twilio's own test vectors (recomputed with twilio 6.2.0 for Node), token 12345.</summary>
public sealed class TwilioSignatureValidatorTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] Row1 =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675309"), new("Digits", "1234"),
        new("From", "+14158675309"), new("To", "+18005551212"),
    ];

    [Fact]
    public void Vector_row_1_is_valid() =>
        Assert.True(TwilioSignatureValidator.IsValid(Url, Row1, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token));

    [Fact]
    public void Vector_row_2_is_valid()
    {
        KeyValuePair<string, string>[] row2 =
        [
            new("CallSid", "CA1234567890ABCDE"), new("Caller", "+12349013030"), new("Digits", "1234"),
            new("From", "+12349013030"), new("To", "+18005551212"),
        ];
        Assert.True(TwilioSignatureValidator.IsValid(Url, row2, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", Token));
    }

    [Fact]
    public void Url_written_with_the_default_port_is_valid() =>
        Assert.True(TwilioSignatureValidator.IsValid(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2", Row1, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token));

    [Fact]
    public void Signature_made_with_the_port_checks_out_against_the_url_without_it() =>
        Assert.True(TwilioSignatureValidator.IsValid(Url, Row1, "kvajT1Ptam85bY51eRf/AJRuM3w=", Token));

    [Fact]
    public void Json_body_vector_is_valid()
    {
        var body = Encoding.UTF8.GetBytes("{\"property\": \"value\", \"boolean\": true}");
        var url = Url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        Assert.True(TwilioSignatureValidator.IsValidJson(url, body, "a9nBmqA0ju/hNViExpshrM61xv4=", Token));
    }

    [Fact]
    public void Json_body_that_does_not_match_its_hash_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{\"property\": \"other\", \"boolean\": true}");
        var url = Url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        Assert.False(TwilioSignatureValidator.IsValidJson(url, body, "a9nBmqA0ju/hNViExpshrM61xv4=", Token));
    }

    [Theory]
    [InlineData("+1325xxxxxxx", "+1415xxxxxxx")]
    [InlineData("+1415xxxxxxx", "+1325xxxxxxx")]
    public void Repeated_parameter_values_are_sorted(string first, string second)
    {
        KeyValuePair<string, string>[] parameters = [new("MessagingBinding.Address", first), new("MessagingBinding.Address", second)];
        Assert.True(TwilioSignatureValidator.IsValid(Url, parameters, "83O6e2vORAoJHUNzJjDWN1jz+BA=", Token));
    }

    [Fact]
    public void Repeated_names_next_to_prefix_names_sort_like_Twilio()
    {
        KeyValuePair<string, string>[] parameters =
            [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234")];
        Assert.True(TwilioSignatureValidator.IsValid(Url, parameters, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", Token));
    }

    [Fact]
    public void Query_is_hashed_as_sent() =>
        Assert.True(TwilioSignatureValidator.IsValid(
            Url + "&Body=It%27s+amazing", Row1, "TfZzewPq8wqrGlMfyAud8+/IvJ0=", Token));

    [Theory]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_or_missing_signature_fails(string? signature) =>
        Assert.False(TwilioSignatureValidator.IsValid(Url, Row1, signature, Token));

    [Fact]
    public void Another_token_fails() =>
        Assert.False(TwilioSignatureValidator.IsValid(Url, Row1, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "54321"));

    [Fact]
    public void Another_url_fails() =>
        Assert.False(TwilioSignatureValidator.IsValid(
            "https://mycompany.com/myapp.php?foo=1&bar=3", Row1, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token));

    [Fact]
    public void A_changed_parameter_fails()
    {
        var changed = Row1.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "1235") : p);
        Assert.False(TwilioSignatureValidator.IsValid(Url, changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token));
    }

    [Fact]
    public void An_extra_parameter_fails()
    {
        var extra = Row1.Append(new KeyValuePair<string, string>("Body", "STOP"));
        Assert.False(TwilioSignatureValidator.IsValid(Url, extra, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token));
    }
}
