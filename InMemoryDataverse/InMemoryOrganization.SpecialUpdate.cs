using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse
{
    // Microsoft Learn, "Behavior of specialized update operations": when an Update carries state/status columns plus
    // other columns, steps registered on Update in PreOperation and/or PostOperation "execute once for all
    // non-state/status fields, and then once for the state/status fields". PreValidation is not named there and runs
    // once, with the whole request: the page's older version ("Perform specialized operations using Update", Dynamics
    // CRM 2016) tells plug-ins that need the full change to register in stage 10 (PreValidation) and pass it on in
    // SharedVariables; the current page says PreOperation, which itself runs twice, so only stage 10 sees it whole.
    //
    // What the page leaves open, and what the emulator does:
    // - the pass order within a stage: pass 1 runs PreOperation, the core write and PostOperation, then pass 2 does;
    // - the pre-image of pass 2: the row after pass 1 (SecondPassPreImage; BeforeRequest to test code against the
    //   other reading);
    // - the contexts: each pass has its own SharedVariables and, as ParentContext, the whole request's PreValidation
    //   context (so a PostOperation step reads what PreValidation stored through ParentContext); Depth, CorrelationId,
    //   OperationId and RequestId are the request's;
    // - security is checked once, for the whole request, and asynchronous steps are queued per pass (each pass is an
    //   Update a PostOperation registration sees).
    // The owner split the page describes applies to business-owned tables (systemuser, businessunit, team,
    // equipment), which LeadRecycle does not update; it is not emulated.
    public sealed partial class InMemoryOrganization
    {
        /// <summary>Where the second pass of a split Update takes its pre-image from (see <see cref="SpecialUpdatePreImage"/>).</summary>
        public SpecialUpdatePreImage SecondPassPreImage { get; set; } = SpecialUpdatePreImage.AfterFirstPass;

        /// <summary>Runs PreOperation, core and PostOperation once per pass of a split Update (the passes: UpdateHandler.TrySplit).</summary>
        private void RunSplitUpdate(OperationState op, StepSet steps, bool preValidationInTransaction, Entity firstPassTarget, Entity secondPassTarget)
        {
            var request = new PluginExecutionContext(op, (int)StepStage.PreValidation, (int)StepMode.Synchronous,
                preValidationInTransaction, op.UserId);
            var first = op.ForPass(firstPassTarget, request);
            RunPass(first, steps, steps.NeedsImages ? CurrentRow(first) : null);
            var second = op.ForPass(secondPassTarget, request);
            RunPass(second, steps, !steps.NeedsImages ? null
                : SecondPassPreImage == SpecialUpdatePreImage.BeforeRequest ? op.PreImageSource : CurrentRow(second));
        }

        private void RunPass(OperationState pass, StepSet steps, Entity? preImageSource)
        {
            pass.PreImageSource = preImageSource;
            RunStage(steps.PreOperation, pass, (int)StepStage.PreOperation, _store.Current != null);
            pass.Handler.Execute(pass);
            RunStage(steps.PostOperation, pass, (int)StepStage.PostOperation, _store.Current != null);
            QueueAsync(steps.Async, pass);
        }
    }
}
