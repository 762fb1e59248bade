using System;
using System.Globalization;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// The scheduled stall scan (the 3x rule of the article "Are opportunities flowing, or are they silently killing your year?", the service levels of "Removing Obstacles to Recycled Lead Nurturing"), in bounded calls, phase after phase:
    /// Fold, Adopt, Flag, Snooze ended, Remind, Escalate, Lapse, Lead lapse, Expire, then the tallies behind the app's charts (recycled
    /// leads, open deals) (one class each). The scan itself writes only
    /// LeadRecycle's own columns and follow-up tasks whose owner the one rule for who acts has chosen; the work that
    /// runs other plug-ins is per record, in the background. Each call stops after a request budget and returns a
    /// continuation token ("v1|phase|stage index"); every call makes progress (at least one page), so a caller that
    /// loops on the token always finishes.
    /// </summary>
    public sealed class StallScanService
    {
        public const int DefaultRequestBudget = 400;
        public const int DefaultPageSize = 100;
        private const string TokenPrefix = "v1";

        private readonly int _requestBudget;
        private readonly ScanCall _call;
        private readonly StallScanPhase[] _phases;

        public StallScanService(IOrganizationService service, RecyclePolicy policy, DateTime utcNow, int requestBudget = DefaultRequestBudget, int pageSize = DefaultPageSize)
        {
            _requestBudget = Math.Max(1, requestBudget);
            _call = new ScanCall(service, policy, utcNow, Math.Max(4, pageSize));
            var flag = new FlagPhase(_call);
            _phases = new StallScanPhase[]
            {
                new FoldPhase(_call), new AdoptPhase(_call), flag, new SnoozeEndedPhase(_call, flag),
                new RemindPhase(_call), new EscalatePhase(_call), new LapsePhase(_call), new LeadLapsePhase(_call), new ExpirePhase(_call),
                new RecycledLeadTallyPhase(_call), new OpenDealTallyPhase(_call),
            };
        }

        public ScanResult Run(string? continuationToken)
        {
            var result = _call.Result;
            var index = Parse(continuationToken, out var stageIndex);
            while (index < _phases.Length)
            {
                if (result.Requests > 0 && OutOfBudget)
                {
                    result.Done = false;
                    result.ContinuationToken = string.Join("|", TokenPrefix, ((int)_phases[index].Phase).ToString(CultureInfo.InvariantCulture), stageIndex.ToString(CultureInfo.InvariantCulture));
                    return result;
                }

                if (_phases[index].RunPage(ref stageIndex))
                {
                    index++;
                    if (index < _phases.Length && (_phases[index] is FlagPhase || _phases[index] is TallyPhase))
                    {
                        stageIndex = 0;
                    }
                }
            }

            result.Done = true;
            result.ContinuationToken = null;
            return result;
        }

        /// <summary>A page costs at most about PageSize + 5 requests (a quarter page of stalled deals at four each, or a page of one each).</summary>
        private bool OutOfBudget => _call.Result.Requests + _call.PageSize + 5 > _requestBudget;

        /// <summary>The phase a token resumes at (its index in the run order; past the end when done), and its stage index.</summary>
        private int Parse(string? token, out int stageIndex)
        {
            stageIndex = 0;
            if (string.IsNullOrWhiteSpace(token))
            {
                return 0;
            }

            var parts = token!.Split('|');
            if (parts.Length != 3 || parts[0] != TokenPrefix
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var phase) || !Enum.IsDefined(typeof(ScanPhase), phase)
                || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out stageIndex) || stageIndex < 0)
            {
                throw new InvalidPluginExecutionException($"'{token}' is not a continuation token from this scan. Start again without one.");
            }

            var index = Array.FindIndex(_phases, p => (int)p.Phase == phase);
            return index < 0 ? _phases.Length : index;
        }
    }
}
