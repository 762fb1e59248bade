using System;
using System.Globalization;

namespace LeadRecycle.Tests.Lifecycle
{
    /// <summary>What can happen to records in an organization's life; the lifecycle test plays random sequences of them.</summary>
    public enum LifecycleAction
    {
        CreateDeal,
        SeedPreInstallDeal,
        MoveStage,
        Lose,
        Win,
        Reopen,
        Snooze,
        AssignToTeam,
        AssignToUser,
        DisableUser,
        Engage,
        CreateLead,
        DisqualifyLead,
        ReactivateLead,
        LeadActivity,
        Night,
    }

    /// <summary>
    /// One step. Records are named by position (deal k of those created so far, modulo their number), so a shrunk
    /// sequence stays meaningful: removing a step never leaves another pointing at nothing.
    /// </summary>
    public sealed class LifecycleOperation
    {
        public LifecycleOperation(LifecycleAction action, int target, int argument)
        {
            Action = action;
            Target = target;
            Argument = argument;
        }

        public LifecycleAction Action { get; }

        /// <summary>Which deal, lead or user (by position).</summary>
        public int Target { get; }

        /// <summary>A reason index, a number of days, an owner slot or a strength, depending on the action.</summary>
        public int Argument { get; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", Action, Target, Argument);
    }
}
