using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>
/// What the audit log can say happened: a closed set, so a reader (the audit page, a privacy officer's query) knows
/// every action there is. Stored as the dotted name in <see cref="AuditActions"/>, which earlier rows already use.
/// </summary>
public enum AuditAction
{
    SignIn,
    SignInFailed,
    SignOut,
    TokenIssued,
    TokenRefresh,
    PasswordChange,
    TwoFactorEnable,
    TwoFactorDisable,
    TwoFactorPolicyChange,
    UserCreate,
    UserLock,
    UserUnlock,
    RoleChange,
    ClientEnrol,
    ClientEnrolRefused,
    ClientMove,
    CaseClose,
    CaseReopen,
    ClientErase,
    TranscriptView,
    ClientExport,
    SummaryView,
    FlagsView,
    FlagHandle,
    MessageSend,
    HandOffTake,
    HandOffReturn,
    StepVerify,
    RewardApprove,
    ProgrammeCreate,
    ProgrammeChange,
    CadenceChange,
    PayoutChange,
    PauseEnded,
    SimulatorClientCreate,
    SimulatorMessage,
    AuditView,
    EvaluationExport,
}

public static class AuditActions
{
    private static readonly Dictionary<AuditAction, string> Names = new()
    {
        [AuditAction.SignIn] = "signin",
        [AuditAction.SignInFailed] = "signin.failed",
        [AuditAction.SignOut] = "signout",
        [AuditAction.TokenIssued] = "token.issue",
        [AuditAction.TokenRefresh] = "token.refresh",
        [AuditAction.PasswordChange] = "password.change",
        [AuditAction.TwoFactorEnable] = "2fa.enable",
        [AuditAction.TwoFactorDisable] = "2fa.disable",
        [AuditAction.TwoFactorPolicyChange] = "2fa.policy",
        [AuditAction.UserCreate] = "user.create",
        [AuditAction.UserLock] = "user.lock",
        [AuditAction.UserUnlock] = "user.unlock",
        [AuditAction.RoleChange] = "user.role",
        [AuditAction.ClientEnrol] = "client.enrol",
        [AuditAction.ClientEnrolRefused] = "client.enrol-refused",
        [AuditAction.ClientMove] = "client.move",
        [AuditAction.CaseClose] = "case.close",
        [AuditAction.CaseReopen] = "case.reopen",
        [AuditAction.ClientErase] = "client.erase",
        [AuditAction.TranscriptView] = "transcript.view",
        [AuditAction.ClientExport] = "client.export",
        [AuditAction.SummaryView] = "summary.view",
        [AuditAction.FlagsView] = "flags.view",
        [AuditAction.FlagHandle] = "flag.handle",
        [AuditAction.MessageSend] = "message.send",
        [AuditAction.HandOffTake] = "handoff.take",
        [AuditAction.HandOffReturn] = "handoff.return",
        [AuditAction.StepVerify] = "step.verify",
        [AuditAction.RewardApprove] = "reward.approve",
        [AuditAction.ProgrammeCreate] = "programme.create",
        [AuditAction.ProgrammeChange] = "programme.change",
        [AuditAction.CadenceChange] = "cadence.change",
        [AuditAction.PayoutChange] = "payout.change",
        [AuditAction.PauseEnded] = "pause-ended",
        [AuditAction.SimulatorClientCreate] = "simulator.client-create",
        [AuditAction.SimulatorMessage] = "simulator.message",
        [AuditAction.AuditView] = "audit.view",
        [AuditAction.EvaluationExport] = "evaluation.export",
    };

    private static readonly Dictionary<string, AuditAction> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(this AuditAction action) => Names[action];

    public static bool TryParse(string? name, out AuditAction action) => ByName.TryGetValue(name ?? "", out action);

    public static IEnumerable<AuditAction> All => Names.Keys;

    /// <summary>The column keeps the dotted names.</summary>
    public static readonly ValueConverter<AuditAction, string> Converter = new(a => Names[a], s => ByName[s]);
}
