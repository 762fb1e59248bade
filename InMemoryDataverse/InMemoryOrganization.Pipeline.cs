using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse.Diagnostics;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse
{
    // The event pipeline: PreValidation (outside the transaction when the operation starts one), then
    // PreOperation, the core operation and PostOperation inside it; async PostOperation steps are queued on commit.
    public sealed partial class InMemoryOrganization
    {
        internal const int MainOperationStage = 30;

        internal OrganizationResponse Execute(OrganizationRequest request, Guid userId, PluginExecutionContext? caller)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var requestName = request.RequestName ?? throw Faults.InvalidArgument("The request has no RequestName.");
            var op = Run(requestName, OperationState.CopyParameters(request.Parameters), request.RequestId, userId, caller, out var kind);
            return BuildResponse(op, kind);
        }

        /// <summary>
        /// Runs one message. <paramref name="input"/> must belong to the organization already (a copy of what the
        /// caller passed), because plug-ins receive it as InputParameters.
        /// </summary>
        internal OperationState Run(string requestName, ParameterCollection input, Guid? requestId, Guid userId, PluginExecutionContext? caller, out MessageKind kind)
        {
            var running = _store.Current;
            if (running != null && running.Doomed)
            {
                throw new DataverseFaultException(DataverseErrorCodes.NoActiveTransaction,
                    "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");
            }

            if (caller != null)
            {
                return ExecuteMessage(requestName, input, requestId, userId, caller, out kind);
            }

            var previous = _current;
            var record = StartOperation(requestName, Guid.Empty, isAsyncJob: false);
            _current = record;
            try
            {
                return ExecuteMessage(requestName, input, requestId, userId, null, out kind);
            }
            catch (Exception exception)
            {
                record.Error = exception;
                throw;
            }
            finally
            {
                _current = previous;
            }
        }

        private OperationState NewOperation(string messageName, ParameterCollection input, Guid userId, PluginExecutionContext? caller, string requestName)
        {
            var op = new OperationState(this, messageName, input)
            {
                RequestName = requestName,
                UserId = userId,
                Depth = caller == null ? 1 : caller.Depth + 1,
                Parent = caller,
                CorrelationId = caller?.CorrelationId ?? NewId(),
                InitiatingUserId = caller?.InitiatingUserId ?? userId,
                CreatedOn = Clock.UtcNow,
                OperationId = NewId(),
                BusinessUnitId = BusinessUnitOf(userId),
            };
            return op;
        }

        private OperationState ExecuteMessage(string requestName, ParameterCollection input, Guid? requestId, Guid userId, PluginExecutionContext? caller, out MessageKind kind)
        {
            StoreTransaction? transaction = null;
            OperationState op;
            try
            {
                kind = KindOf(requestName, out var messageName);
                op = NewOperation(messageName, input, userId, caller, requestName);
                op.RequestId = requestId;
                if (caller == null && _current != null && _current.CorrelationId == Guid.Empty)
                {
                    _current.CorrelationId = op.CorrelationId;
                }

                if (op.Depth > Options.MaxDepth)
                {
                    throw new DataverseFaultException(DataverseErrorCodes.InfiniteLoopDetected, string.Format(CultureInfo.InvariantCulture,
                        "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. ({0} at depth {1}; the maximum is {2}.)",
                        messageName, op.Depth, Options.MaxDepth));
                }

                ResolvePrimary(op, kind);
                var steps = _steps.Find(messageName, op.PrimaryEntityName);
                op.HasSteps = steps != null;
                var preValidationInTransaction = _store.Current != null;
                if (steps != null)
                {
                    ValidateEarly(op, kind);
                    if (steps.NeedsImages)
                    {
                        op.PreImageSource = CurrentRow(op);
                    }

                    RunStage(steps.PreValidation, op, (int)PipelineStage.PreValidation, preValidationInTransaction);
                }

                Authorize(op, kind);

                if (kind != MessageKind.Retrieve && kind != MessageKind.RetrieveMultiple && kind != MessageKind.WhoAmI)
                {
                    transaction = _store.BeginIfNone();
                }

                if (steps == null || kind != MessageKind.Update || !TryRunSplitUpdate(op, steps, preValidationInTransaction))
                {
                    if (steps != null)
                    {
                        RunStage(steps.PreOperation, op, (int)PipelineStage.PreOperation, _store.Current != null);
                    }

                    Core(op, kind);
                    if (steps != null)
                    {
                        RunStage(steps.PostOperation, op, (int)PipelineStage.PostOperation, _store.Current != null);
                        QueueAsync(steps.Async, op);
                    }
                }

                if (transaction != null)
                {
                    Commit(transaction);
                }
            }
            catch
            {
                if (transaction != null && ReferenceEquals(_store.Current, transaction))
                {
                    _store.Rollback(transaction);
                }
                else if (_store.Current != null)
                {
                    // A failed call inside a running transaction ends it, as in Dataverse.
                    _store.Current.Doomed = true;
                }

                throw;
            }

            return op;
        }

        private void RunStage(List<StepEntry>? entries, OperationState op, int stage, bool isInTransaction)
        {
            if (entries == null)
            {
                return;
            }

            foreach (var entry in entries)
            {
                if (!Fires(entry.Registration, op))
                {
                    continue;
                }

                var context = new PluginExecutionContext(op, stage, (int)ExecutionMode.Synchronous, isInTransaction,
                    entry.Registration.RunAsUserId ?? op.UserId);
                AddImages(context, entry.Registration, op, stage);
                Invoke(entry, context);
            }
        }

        private static bool Fires(StepRegistration registration, OperationState op)
        {
            if (registration.FilteringAttributes.Count == 0 || op.MessageName != SdkMessageNames.Update)
            {
                return true;
            }

            if (!op.InputParameters.TryGetValue("Target", out var value) || !(value is Entity target))
            {
                return false;
            }

            foreach (var attribute in registration.FilteringAttributes)
            {
                if (target.Attributes.ContainsKey(attribute))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddImages(PluginExecutionContext context, StepRegistration registration, OperationState op, int stage)
        {
            if (registration.Images.Count == 0)
            {
                return;
            }

            Entity? post = null;
            var postRead = false;
            foreach (var image in registration.Images)
            {
                if (image.ImageType == ImageType.PreImage)
                {
                    if (op.PreImageSource != null && op.MessageName != SdkMessageNames.Create)
                    {
                        context.PreEntityImages[image.Alias] = Image(op.PreImageSource, image.Attributes);
                    }
                }
                else if (stage == (int)PipelineStage.PostOperation)
                {
                    if (!postRead)
                    {
                        post = CurrentRow(op);
                        postRead = true;
                    }

                    if (post != null)
                    {
                        context.PostEntityImages[image.Alias] = Image(post, image.Attributes);
                    }
                }
            }
        }

        private Entity Image(Entity source, IReadOnlyList<string> attributes)
        {
            var image = new Entity(source.LogicalName, source.Id);
            foreach (var attribute in attributes)
            {
                if (source.Attributes.TryGetValue(attribute, out var value) && value != null)
                {
                    image.Attributes[attribute] = Values.CopyOut(value, _nameOf);
                }
            }

            return image;
        }

        private Entity? CurrentRow(OperationState op)
        {
            if (op.PrimaryEntityId == Guid.Empty || !_schemas.TryGetValue(op.PrimaryEntityName, out var schema))
            {
                return null;
            }

            return _store.Table(schema).TryGet(op.PrimaryEntityId, out var row) ? row : null;
        }

        private void Invoke(StepEntry entry, PluginExecutionContext context)
        {
            var registration = entry.Registration;
            var tracing = new TracingService();
            var record = new PluginExecutionRecord(registration.Name, registration.PluginType, context.MessageName, context.PrimaryEntityName,
                context.PrimaryEntityId, context.Stage, context.Mode, context.Depth, context.CorrelationId, tracing.Lines);
            _current?.AddExecution(record);
            var started = Stopwatch.GetTimestamp();
            try
            {
                entry.Plugin.Execute(new PluginServiceProvider(this, context, tracing));
            }
            catch (InvalidPluginExecutionException exception)
            {
                record.Error = exception;
                throw;
            }
            catch (DataverseFaultException exception)
            {
                record.Error = exception;
                throw;
            }
            catch (Exception exception)
            {
                record.Error = exception;
                throw new DataverseFaultException(DataverseErrorCodes.PluginFailure, string.Format(CultureInfo.InvariantCulture,
                    "Unexpected exception from plug-in (Execute): {0}: {1}: {2}", registration.PluginType.FullName, exception.GetType().FullName, exception.Message),
                    exception);
            }
            finally
            {
                record.Elapsed = Stopwatch.GetElapsedTime(started);
            }
        }

        private void QueueAsync(List<StepEntry>? entries, OperationState op)
        {
            if (entries == null)
            {
                return;
            }

            foreach (var entry in entries)
            {
                if (!Fires(entry.Registration, op))
                {
                    continue;
                }

                var snapshot = op.CloneForAsync();
                var context = new PluginExecutionContext(snapshot, (int)PipelineStage.PostOperation, (int)ExecutionMode.Asynchronous, false,
                    entry.Registration.RunAsUserId ?? op.UserId);
                AddImages(context, entry.Registration, op, (int)PipelineStage.PostOperation);
                var job = new AsyncJob(entry, context);
                if (_store.Current != null)
                {
                    _store.Current.OnCommit.Add(() => _asyncQueue.Enqueue(job));
                }
                else
                {
                    _asyncQueue.Enqueue(job);
                }
            }
        }

        private sealed class AsyncJob
        {
            public AsyncJob(StepEntry entry, PluginExecutionContext context)
            {
                Entry = entry;
                Context = context;
            }

            public StepEntry Entry { get; }

            public PluginExecutionContext Context { get; }
        }
    }

    /// <summary>A registered step with its plug-in instance (created once and reused, as Dataverse caches instances).</summary>
    internal sealed class StepEntry
    {
        private IPlugin? _plugin;

        public StepEntry(StepRegistration registration, int order)
        {
            Registration = registration;
            Order = order;
        }

        public StepRegistration Registration { get; }

        public int Order { get; }

        public IPlugin Plugin => _plugin ??= Registration.Factory != null
            ? Registration.Factory(Registration)
            : (IPlugin)PluginActivator.Create(Registration.PluginType, Registration.UnsecureConfiguration, Registration.SecureConfiguration);
    }

    /// <summary>The steps of one message on one table, by stage, in execution order.</summary>
    internal sealed class StepSet
    {
        public List<StepEntry>? PreValidation { get; private set; }

        public List<StepEntry>? PreOperation { get; private set; }

        public List<StepEntry>? PostOperation { get; private set; }

        public List<StepEntry>? Async { get; private set; }

        public bool NeedsImages { get; private set; }

        public static StepSet From(IEnumerable<StepEntry> entries)
        {
            var sorted = new List<StepEntry>(entries);
            sorted.Sort((a, b) => a.Registration.Rank != b.Registration.Rank
                ? a.Registration.Rank.CompareTo(b.Registration.Rank)
                : a.Order.CompareTo(b.Order));
            var set = new StepSet();
            foreach (var entry in sorted)
            {
                var registration = entry.Registration;
                set.NeedsImages |= registration.Images.Count > 0;
                if (registration.Mode == ExecutionMode.Asynchronous)
                {
                    (set.Async ??= new List<StepEntry>()).Add(entry);
                }
                else if (registration.Stage == PipelineStage.PreValidation)
                {
                    (set.PreValidation ??= new List<StepEntry>()).Add(entry);
                }
                else if (registration.Stage == PipelineStage.PreOperation)
                {
                    (set.PreOperation ??= new List<StepEntry>()).Add(entry);
                }
                else
                {
                    (set.PostOperation ??= new List<StepEntry>()).Add(entry);
                }
            }

            return set;
        }
    }

    /// <summary>Registered steps by message and primary table (steps without a table fire for every table).</summary>
    internal sealed class StepTable
    {
        private const string AnyTable = "";
        private readonly Dictionary<string, Dictionary<string, List<StepEntry>>> _registered =
            new Dictionary<string, Dictionary<string, List<StepEntry>>>(StringComparer.Ordinal);

        private readonly Dictionary<string, Dictionary<string, StepSet?>> _resolved =
            new Dictionary<string, Dictionary<string, StepSet?>>(StringComparer.Ordinal);

        private int _order;

        public void Add(StepRegistration registration)
        {
            var table = registration.PrimaryEntityName == null || registration.PrimaryEntityName == "none" ? AnyTable : registration.PrimaryEntityName;
            if (!_registered.TryGetValue(registration.MessageName, out var byTable))
            {
                byTable = new Dictionary<string, List<StepEntry>>(StringComparer.Ordinal);
                _registered.Add(registration.MessageName, byTable);
            }

            if (!byTable.TryGetValue(table, out var list))
            {
                list = new List<StepEntry>();
                byTable.Add(table, list);
            }

            list.Add(new StepEntry(registration, _order++));
            _resolved.Remove(registration.MessageName);
        }

        public StepSet? Find(string messageName, string primaryEntityName)
        {
            if (_registered.Count == 0 || !_registered.TryGetValue(messageName, out var byTable))
            {
                return null;
            }

            if (!_resolved.TryGetValue(messageName, out var cache))
            {
                cache = new Dictionary<string, StepSet?>(StringComparer.Ordinal);
                _resolved.Add(messageName, cache);
            }

            if (!cache.TryGetValue(primaryEntityName, out var set))
            {
                var entries = new List<StepEntry>();
                if (byTable.TryGetValue(primaryEntityName, out var specific))
                {
                    entries.AddRange(specific);
                }

                if (primaryEntityName != AnyTable && byTable.TryGetValue(AnyTable, out var any))
                {
                    entries.AddRange(any);
                }

                set = entries.Count == 0 ? null : StepSet.From(entries);
                cache.Add(primaryEntityName, set);
            }

            return set;
        }
    }
}
