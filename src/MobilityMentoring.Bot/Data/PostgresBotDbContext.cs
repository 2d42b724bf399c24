using Microsoft.EntityFrameworkCore;

namespace MobilityMentoring.Bot.Data;

/// <summary>Production store. Migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options);
