using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;

namespace MobilityMentoring.Bot.Data;

/// <summary>
/// The one model for both stores. <see cref="PostgresBotDbContext"/> and <see cref="SqliteBotDbContext"/> only
/// add provider details and keep their own migrations; everything else asks for this type (the Data Protection key
/// store too, so every instance on one database shares the keys).
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : IdentityDbContext<BotUser>(options), IDataProtectionKeyContext
{
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Step> Steps => Set<Step>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<RewardEntry> RewardEntries => Set<RewardEntry>();
    public DbSet<ConversationState> ConversationStates => Set<ConversationState>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<Summary> Summaries => Set<Summary>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<TwilioDeletion> TwilioDeletions => Set<TwilioDeletion>();
    public DbSet<RetainedPayout> RetainedPayouts => Set<RetainedPayout>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when a member is added in the middle.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PhoneNumber>().HaveConversion<PhoneNumberConverter>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Programme>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.JoinKeyword).HasMaxLength(32);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Property(p => p.InfoUrl).HasMaxLength(200);
            e.Property(p => p.InfoVersion).HasMaxLength(20).HasDefaultValue("1");
            e.Property(p => p.MilestoneAmount).HasPrecision(10, 2);
            e.HasIndex(p => p.JoinKeyword).IsUnique();
            e.OwnsOne(p => p.Cadence, c => c.Ignore(x => x.Days));
            e.Navigation(p => p.Cadence).IsRequired();
        });

        builder.Entity<Client>(e =>
        {
            e.Property(c => c.FirstName).HasMaxLength(100);
            e.Property(c => c.Language).HasMaxLength(8);
            e.Property(c => c.TimeZone).HasMaxLength(64);
            e.Property(c => c.CloseReason).HasMaxLength(200);
            e.Property(c => c.ConsentVersion).HasMaxLength(20);
            e.Property(c => c.ConsentAskedVersion).HasMaxLength(20);
            e.Ignore(c => c.IsTest);

            // A phone number belongs to at most one open case in the whole organisation: the database decides.
            e.HasIndex(c => c.Phone, "ix_clients_phone_open").IsUnique().HasFilter("closed_at IS NULL");
            e.HasIndex(c => c.NextContactAt);
            e.HasIndex(c => c.MentorId);
            e.HasOne(c => c.Mentor).WithMany().OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Goal>(e => e.Property(g => g.Title).HasMaxLength(500));

        builder.Entity<Step>(e => e.Property(s => s.Text).HasMaxLength(500));

        builder.Entity<CheckIn>(e => e.HasIndex(c => new { c.StepId, c.PlannedAt }).IsUnique());

        builder.Entity<Message>(e =>
        {
            e.Property(m => m.From).HasMaxLength(64);
            e.Property(m => m.To).HasMaxLength(64);
            e.Property(m => m.Body).HasMaxLength(1600);
            e.Property(m => m.ProviderSid).HasMaxLength(64);
            e.Property(m => m.ContentSid).HasMaxLength(64);
            e.HasIndex(m => m.ProviderSid).IsUnique();
            e.HasIndex(m => new { m.ClientId, m.CreatedAt });
            // Rows in flight (for the sweeper) and failures (for reports), never Pending: with stale statistics after a
            // burst of reminders, PostgreSQL took a full (direction, status) index for the outbox claim and sorted every
            // pending row on each claim. Pending rows have the claim's own partial index (migration OutboxClaimIndex).
            e.HasIndex(m => new { m.Direction, m.Status })
                .HasFilter("status IN ('Received', 'Dispatching', 'Failed', 'Undelivered')");
            // The fast lane's "nothing earlier to this recipient still unsent" check, by recipient: through the status
            // index it waded through the dead entries of every row sent since the last vacuum (9 ms a claim under load).
            e.HasIndex(m => new { m.To, m.Id }, "ix_messages_unsent_to")
                .HasFilter("direction = 'Outbound' AND status IN ('Pending', 'Dispatching')");
            e.HasOne<Client>().WithMany().HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RewardEntry>(e =>
        {
            e.Property(r => r.Reason).HasMaxLength(200);
            e.Property(r => r.Amount).HasPrecision(10, 2);
            e.HasIndex(r => r.ClientId);

            // A step pays once, a milestone is reached once: even a repeated or racing turn cannot write it twice.
            e.HasIndex(r => r.StepId).IsUnique().HasFilter("kind = 'StepPoints'");
            e.HasIndex(r => new { r.ClientId, r.Reason }).IsUnique().HasFilter("kind = 'Milestone'");
        });

        builder.Entity<ConversationState>(e =>
        {
            e.HasKey(s => s.ClientId);
            e.Property(s => s.Dialog).HasMaxLength(64);
            e.Property(s => s.DialogStep).HasMaxLength(64);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithOne().HasForeignKey<ConversationState>(s => s.ClientId);
        });

        builder.Entity<Flag>(e => e.HasIndex(f => new { f.ClientId, f.HandledAt }));

        builder.Entity<Summary>(e =>
        {
            e.HasIndex(s => new { s.ClientId, s.PeriodEnd });
            e.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId);
        });

        builder.Entity<ConsentRecord>(e =>
        {
            e.Property(r => r.Question).HasMaxLength(64);
            e.Property(r => r.Language).HasMaxLength(8);
            e.Property(r => r.InfoVersion).HasMaxLength(20);
            e.Property(r => r.InfoUrl).HasMaxLength(200);
            e.HasIndex(r => r.ClientId);
            e.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<TwilioDeletion>(e =>
        {
            e.Property(d => d.MessageSid).HasMaxLength(64);
            e.HasIndex(d => d.MessageSid).IsUnique();
            e.HasIndex(d => d.NextAttemptAt);
        });

        builder.Entity<RetainedPayout>(e =>
        {
            e.Property(p => p.Reason).HasMaxLength(200);
            e.Property(p => p.Amount).HasPrecision(10, 2);
            e.Property(p => p.ApprovedById).HasMaxLength(450);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasConversion(AuditActions.Converter).HasMaxLength(100);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.HasIndex(a => a.At);
        });

        builder.UseSnakeCaseNames();
    }

    /// <summary>
    /// <paramref name="value"/> as the model stores <typeparamref name="TEntity"/>.<paramref name="property"/> (enums by
    /// name, and on SQLite times as numbers), for raw SQL that writes mapped columns.
    /// </summary>
    public object? ToColumn<TEntity>(string property, object? value) =>
        Model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(value)
            : value;
}
