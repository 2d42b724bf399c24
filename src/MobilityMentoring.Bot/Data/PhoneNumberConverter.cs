using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Data;

internal sealed class PhoneNumberConverter() : ValueConverter<PhoneNumber, string>(
    phone => phone.Value,
    value => PhoneNumber.FromE164(value));
