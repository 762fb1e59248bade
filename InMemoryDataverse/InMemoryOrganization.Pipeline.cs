using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Diagnostics;
using LeadRecycle.InMemoryDataverse.Messages;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse
{
    // The event pipeline: PreValidation (outside the transaction when the operation starts one), then
    // PreOperation, the core operation and PostOperation inside it; async PostOperation steps are queued on commit.
    // What differs by message is its handler's (Messages/).
    public sealed partial class InMemoryOrganization
    {
        internal OrganizationResponse Execute(OrganizationRequest request, Guid userId, PluginExecutionContext? caller)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var requestName = request.RequestName ?? throw Faults.InvalidArgument("The request has no RequestName.");
            var op = Run(requestName, OperationState.CopyParameters(request.Parameters), request.RequestId, userId, caller);
            return op.Handler.CreateResponse(op);
        }

        /// <summary>
        /// Runs one message. <paramref name="input"/> must belong to the organization already (a copy of what the
        /// caller passed), because plug-ins receive it as InputParameters.
        /// </summary>
        internal OperationState Run(string requestName, ParameterCollection input, Guid? requestId, Guid userId, PluginExecutionContext? caller)
        {
            var running = _store.Current;
            if (running != null && running.Doomed)
            {
                throw new DataverseFaultException(DataverseErrorCodes.NoActiveTransaction,
                    "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");
            }

            if (caller != null)
            {
                return ExecuteMessage(requestName, input, requestId, userId, caller);
            }

            var previous = _current;
            var record = StartOperation(requestName, Guid.Empty, isAsyncJob: false);
            _current = record;
            try
            {
                return ExecuteMessage(requestName, input, requestId, userId, null);
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

        private OperationState NewOperation(MessageHandler handler, ParameterCollection input, Guid userId, PluginExecutionContext? caller, string requestName)
        {
            var op = new OperationState(this, handler, input)
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

        private OperationState ExecuteMessage(string requestName, ParameterCollection input, Guid? requestId, Guid userId, PluginExecutionContext? caller)
        {
            StoreTransaction? transaction = null;
            OperationState op;
            try
            {
                var handler = _messages.Find(requestName);
                op = NewOperation(handler, input, userId, caller, requestName);
                op.RequestId = requestId;
                if (caller == null && _current != null && _current.CorrelationId == Guid.Empty)
                {
                    _current.CorrelationId = op.CorrelationId;
                }

                if (op.Depth > Options.MaxDepth)
                {
                    throw new DataverseFaultException(DataverseErrorCodes.InfiniteLoopDetected, string.Format(CultureInfo.InvariantCulture,
                        "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. ({0} at depth {1}; the maximum is {2}.)",
                        handler.MessageName, op.Depth, Options.MaxDepth));
                }

                handler.ResolvePrimaryEntity(op);
                var steps = _steps.Find(handler.MessageName, op.PrimaryEntityName);
                op.HasSteps = steps != null;
                var preValidationInTransaction = _store.Current != null;
                if (steps != null)
                {
                    handler.ValidateBeforePreValidation(op);
                    if (steps.NeedsImages)
                    {
                        op.PreImageSource = CurrentRow(op);
                    }

                    RunStage(steps.PreValidation, op, (int)StepStage.PreValidation, preValidationInTransaction);
                }

                if (!IsUnchecked(op.UserId))
                {
                    handler.Authorize(op);
                }

                if (handler.Writes)
                {
                    transaction = _store.BeginIfNone();
                }

                if (steps != null && handler.TrySplit(op, out var firstPassTarget, out var secondPassTarget))
                {
                    RunSplitUpdate(op, steps, preValidationInTransaction, firstPassTarget, secondPassTarget);
                }
                else
                {
                    if (steps != null)
                    {
                        RunStage(steps.PreOperation, op, (int)StepStage.PreOperation, _store.Current != null);
                    }

                    handler.Execute(op);
                    if (steps != null)
                    {
                        RunStage(steps.PostOperation, op, (int)StepStage.PostOperation, _store.Current != null);
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

                var context = new PluginExecutionContext(op, stage, (int)StepMode.Synchronous, isInTransaction,
                    entry.Registration.RunAsUserId ?? op.UserId);
                AddImages(context, entry.Registration, op, stage);
                Invoke(entry, context);
            }
        }

        private static bool Fires(StepRegistration registration, OperationState op)
        {
            if (registration.FilteringAttributes.Count == 0 || !op.Handler.FiltersOnColumns)
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
                if (image.ImageType == StepImageType.PreImage)
                {
                    if (op.PreImageSource != null && op.Handler.HasPreImage)
                    {
                        context.PreEntityImages[image.Alias] = Image(op.PreImageSource, image.Attributes);
                    }
                }
                else if (stage == (int)StepStage.PostOperation)
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

        internal void Invoke(StepEntry entry, PluginExecutionContext context)
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
                var context = new PluginExecutionContext(snapshot, (int)StepStage.PostOperation, (int)StepMode.Asynchronous, false,
                    entry.Registration.RunAsUserId ?? op.UserId);
                AddImages(context, entry.Registration, op, (int)StepStage.PostOperation);
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
}
