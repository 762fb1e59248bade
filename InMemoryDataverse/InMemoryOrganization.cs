using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Diagnostics;
using LeadRecycle.InMemoryDataverse.Messages;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Query;
using LeadRecycle.InMemoryDataverse.Security;
using LeadRecycle.InMemoryDataverse.Storage;
using LeadRecycle.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>
    /// An in-memory Dataverse organization: tables from a <see cref="MetadataCatalog"/>, an organization service
    /// per user, the event pipeline with registered steps, Custom APIs, an async queue, traces and call accounting.
    /// Not thread-safe: one organization serves one test (or one sandbox run) at a time.
    /// </summary>
    public sealed partial class InMemoryOrganization : IOrganizationServiceFactory
    {
        private readonly Dictionary<string, TableSchema> _schemas = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        private readonly EntityStore _store = new EntityStore();
        private readonly QueryEngine _queries;
        private readonly StepTable _steps = new StepTable();
        private readonly MessageHandlers _messages = new MessageHandlers();
        private readonly Queue<AsyncJob> _asyncQueue = new Queue<AsyncJob>();
        private readonly LinkedList<OperationRecord> _operations = new LinkedList<OperationRecord>();
        private readonly Func<string, Guid, bool>? _lookupExists;
        private readonly Guid _organizationId = Guid.NewGuid();
        private readonly Func<EntityReference, string?> _nameOf;
        private readonly Dictionary<Guid, EntityReference> _userReferences = new Dictionary<Guid, EntityReference>();
        private readonly Dictionary<Guid, EntityReference> _unitReferences = new Dictionary<Guid, EntityReference>();
        private readonly IdGenerator _ids;
        private OperationRecord? _current;
        private long _sequence;

        public InMemoryOrganization(MetadataCatalog catalog, IClock? clock = null, InMemoryOrganizationOptions? options = null)
        {
            Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            Clock = clock ?? SystemClock.Instance;
            Options = options ?? new InMemoryOrganizationOptions();
            _ids = new IdGenerator(Options.IdSeed);
            _store.UseIndexes = Options.UseQueryIndexes;
            _store.IndexMinimumRows = Options.QueryIndexMinimumRows;
            foreach (var table in catalog.Tables)
            {
                _schemas.Add(table.LogicalName, new TableSchema(table));
            }

            _nameOf = PrimaryNameOf;
            _queries = new QueryEngine(SchemaOf, _store, _nameOf);
            if (Options.EnforceLookupTargetsExist)
            {
                _lookupExists = RecordExists;
            }

            Calls = new CallAccounting(this);
            OrganizationName = Options.OrganizationName;
            SeedOrganization();
            GrantAdministrator();
            Service = CreateOrganizationService(AdminUserId);
        }

        /// <summary>A catalog with the system tables only.</summary>
        public InMemoryOrganization()
            : this(new MetadataCatalog(SystemTables.All))
        {
        }

        public MetadataCatalog Catalog { get; }

        public InMemoryOrganizationOptions Options { get; }

        /// <summary>The clock for createdon, modifiedon, OperationCreatedOn and close dates; replace it at any time.</summary>
        public IClock Clock { get; set; }

        /// <summary>
        /// Unique per organization (unless set in the options): caches keyed by organization, like LeadRecycle's
        /// policy cache, must never see another organization's entries.
        /// </summary>
        public Guid OrganizationId => Options.OrganizationId ?? _organizationId;

        public string OrganizationName { get; }

        public Guid RootBusinessUnitId { get; } = new Guid("5a0f3c1e-2b4d-4c6e-8f10-a2b3c4d5e6f7");

        /// <summary>The SYSTEM user: what CreateOrganizationService(null) runs as.</summary>
        public Guid SystemUserId { get; } = new Guid("7d8e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f");

        /// <summary>The user the default <see cref="Service"/> runs as (a licensed admin with System Administrator, like a test's connection user).</summary>
        public Guid AdminUserId { get; } = new Guid("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

        /// <summary>The organization service as <see cref="AdminUserId"/>: what a test or the sandbox calls.</summary>
        public IOrganizationService Service { get; }

        /// <summary>Plug-in call counts per operation.</summary>
        public CallAccounting Calls { get; }

        /// <summary>The recent top-level operations, oldest first (bounded by OperationHistoryLimit).</summary>
        public IReadOnlyCollection<OperationRecord> Operations => _operations;

        public OperationRecord? LastOperation => _operations.Last?.Value;

        internal long LastSequence => _sequence;

        internal EntityStore Store => _store;

        internal QueryEngine Queries => _queries;

        internal RecordShares Shares { get; } = new RecordShares();

        /// <summary>Whether a lookup's target row exists; null when lookups are not checked (the options say so).</summary>
        internal Func<string, Guid, bool>? LookupExists => _lookupExists;

        /// <summary>The primary name of a lookup's target, for the names lookups carry on the way out.</summary>
        internal Func<EntityReference, string?> PrimaryNames => _nameOf;

        public int PendingAsyncJobs => _asyncQueue.Count;

        /// <summary>A service as this user; null: SYSTEM. Calls through it are the caller's own, not plug-in calls.</summary>
        public IOrganizationService CreateOrganizationService(Guid? userId) => new OrganizationService(this, userId ?? SystemUserId, null);

        public void Register(StepRegistration registration)
        {
            if (registration == null)
            {
                throw new ArgumentNullException(nameof(registration));
            }

            if (registration.Mode == StepMode.Asynchronous && registration.Stage != StepStage.PostOperation)
            {
                throw new ArgumentException("Only PostOperation steps can run asynchronously.", nameof(registration));
            }

            if (registration.PrimaryEntityName != null && registration.PrimaryEntityName != "none")
            {
                SchemaOf(registration.PrimaryEntityName);
            }

            _steps.Add(registration);
        }

        public void Register(IEnumerable<StepRegistration> registrations)
        {
            foreach (var registration in registrations)
            {
                Register(registration);
            }
        }

        /// <summary>
        /// Registers a Custom API: an OrganizationRequest named <paramref name="uniqueName"/> runs the plug-in as its
        /// main operation (stage 30) with the request's parameters; its OutputParameters become the response. With
        /// <paramref name="executePrivilegeName"/> (customapi.executeprivilegename), a caller without that privilege is refused.
        /// </summary>
        public void RegisterCustomApi(string uniqueName, Type pluginType, string? unsecureConfiguration = null, string? secureConfiguration = null,
            string? executePrivilegeName = null)
        {
            if (string.IsNullOrEmpty(uniqueName))
            {
                throw new ArgumentException("A Custom API needs a unique name.", nameof(uniqueName));
            }

            if (pluginType == null || !typeof(IPlugin).IsAssignableFrom(pluginType))
            {
                throw new ArgumentException("A Custom API's plug-in type must implement IPlugin.", nameof(pluginType));
            }

            var registration = new StepRegistration(pluginType, uniqueName, null, StepStage.MainOperation)
            {
                UnsecureConfiguration = unsecureConfiguration,
                SecureConfiguration = secureConfiguration,
                Name = pluginType.FullName + ": Custom API " + uniqueName,
            };
            _messages.AddCustomApi(new CustomApiHandler(uniqueName, new StepEntry(registration, 0), executePrivilegeName));
        }

        /// <summary>Runs the queued asynchronous steps, each in its own transaction, until the queue is empty.</summary>
        public IReadOnlyList<AsyncJobResult> DrainAsyncQueue(int maxJobs = 100000)
        {
            var results = new List<AsyncJobResult>();
            while (_asyncQueue.Count > 0)
            {
                if (results.Count >= maxJobs)
                {
                    throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "More than {0} asynchronous jobs: an async step probably keeps triggering itself.", maxJobs));
                }

                var job = _asyncQueue.Dequeue();
                var record = StartOperation(job.Entry.Registration.MessageName, job.Context.CorrelationId, isAsyncJob: true);
                var previous = _current;
                _current = record;
                var transaction = _store.BeginIfNone() ?? throw new InvalidOperationException("An async job cannot run inside a transaction.");
                Exception? error = null;
                try
                {
                    Invoke(job.Entry, job.Context);
                    Commit(transaction);
                }
                catch (Exception exception)
                {
                    if (ReferenceEquals(_store.Current, transaction))
                    {
                        _store.Rollback(transaction);
                    }

                    error = exception;
                    record.Error = exception;
                }
                finally
                {
                    _current = previous;
                }

                results.Add(new AsyncJobResult(job.Entry.Registration.Name, job.Context.MessageName, job.Context.PrimaryEntityName,
                    job.Context.PrimaryEntityId, error, record));
            }

            return results;
        }

        /// <summary>The principals a record is shared with (GrantAccess) and their rights.</summary>
        public IReadOnlyList<PrincipalAccess> SharesOf(EntityReference record) => Shares.Of(record ?? throw new ArgumentNullException(nameof(record)));

        /// <summary>The rights a principal was granted on a record (None when not shared).</summary>
        public AccessRights SharedAccess(EntityReference record, EntityReference principal) => Shares.Rights(record, principal);

        /// <summary>A copy of a stored row with every column, or null (no pipeline, no call counted).</summary>
        public Entity? Find(string table, Guid id)
        {
            var schema = SchemaOf(table);
            return _store.Table(schema).TryGetRow(id, out var row) ? QueryEngine.Project(row, schema.LogicalName, new Microsoft.Xrm.Sdk.Query.ColumnSet(true), schema.PrimaryIdColumn, _nameOf) : null;
        }

        /// <summary>Copies of every row of a table (no pipeline, no call counted).</summary>
        public IReadOnlyList<Entity> All(string table)
        {
            var schema = SchemaOf(table);
            var result = new List<Entity>();
            foreach (var row in _store.Table(schema).StoredRows)
            {
                result.Add(Values.CopyEntity(row.ToEntity(schema.LogicalName)));
            }

            return result;
        }

        public int Count(string table) => _store.Table(SchemaOf(table)).Count;

        /// <summary>How many queries an index served (tests check that the indexed path is the one they exercise).</summary>
        public long IndexedQueries => _store.IndexedQueries;

        /// <summary>Writes a row as SYSTEM without running any step (for arranging data); metadata is still enforced.</summary>
        public Guid Seed(Entity entity)
        {
            if (entity == null)
            {
                throw new ArgumentNullException(nameof(entity));
            }

            var op = NewOperation(MessageHandlers.Create, new ParameterCollection { ["Target"] = Values.CopyEntity(entity) }, SystemUserId, null, "Create");
            var transaction = _store.BeginIfNone() ?? throw new InvalidOperationException("Seed cannot run inside an operation.");
            try
            {
                op.Handler.Execute(op);
                _store.Commit(transaction);
            }
            catch
            {
                _store.Rollback(transaction);
                throw;
            }

            return op.CreatedId;
        }

        /// <summary>
        /// Adds a user in a business unit (the root when null) with security roles by name (none: the user can do
        /// nothing but what is shared with them, as in Dataverse).
        /// </summary>
        public Guid CreateUser(string fullName, Guid? managerId = null, bool isDisabled = false, Guid? businessUnitId = null, IEnumerable<string>? roles = null)
        {
            var user = new Entity("systemuser")
            {
                ["fullname"] = fullName,
                ["isdisabled"] = isDisabled,
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
            };
            if (managerId.HasValue)
            {
                user["parentsystemuserid"] = new EntityReference("systemuser", managerId.Value);
            }

            var id = Seed(user);
            foreach (var role in roles ?? Array.Empty<string>())
            {
                AssignRole(id, role);
            }

            return id;
        }

        /// <summary>Removes every row of a table without undo (benchmarks and long sandbox runs).</summary>
        public void Truncate(string table)
        {
            if (_store.Current != null)
            {
                throw new InvalidOperationException("Truncate cannot run inside an operation.");
            }

            _store.Table(SchemaOf(table)).Clear();
        }

        internal void CountPluginCall(string messageName) => _current?.PluginCalls.Add(messageName);

        /// <summary>A new sequential id.</summary>
        public Guid NewId() => _ids.Next();

        // Stored values are never mutated and always copied on the way out, so rows can share these instances.
        internal EntityReference UserReference(Guid userId)
        {
            if (!_userReferences.TryGetValue(userId, out var reference))
            {
                reference = new EntityReference("systemuser", userId);
                _userReferences[userId] = reference;
            }

            return reference;
        }

        internal EntityReference BusinessUnitReference(Guid unitId)
        {
            if (!_unitReferences.TryGetValue(unitId, out var reference))
            {
                reference = new EntityReference("businessunit", unitId);
                _unitReferences[unitId] = reference;
            }

            return reference;
        }

        internal bool TryGetSchema(string logicalName, out TableSchema schema) => _schemas.TryGetValue(logicalName, out schema!);

        internal TableSchema SchemaOf(string? logicalName)
        {
            if (logicalName != null && _schemas.TryGetValue(logicalName, out var schema))
            {
                return schema;
            }

            throw Faults.UnknownTable(logicalName);
        }

        private string? PrimaryNameOf(EntityReference reference)
        {
            if (reference.LogicalName != null
                && _schemas.TryGetValue(reference.LogicalName, out var schema)
                && _store.Table(schema).TryGetValue(reference.Id, schema.Metadata.PrimaryNameColumn, out var name))
            {
                return name as string;
            }

            return null;
        }

        private bool RecordExists(string table, Guid id)
        {
            if (!_schemas.TryGetValue(table, out var schema))
            {
                return true;
            }

            return _store.Table(schema).Contains(id);
        }

        private Guid BusinessUnitOf(Guid userId)
        {
            if (_schemas.TryGetValue("systemuser", out var users)
                && _store.Table(users).TryGetValue(userId, "businessunitid", out var unit)
                && unit is EntityReference reference)
            {
                return reference.Id;
            }

            return RootBusinessUnitId;
        }

        private OperationRecord StartOperation(string messageName, Guid correlationId, bool isAsyncJob)
        {
            var record = new OperationRecord(++_sequence, messageName, correlationId, isAsyncJob);
            _operations.AddLast(record);
            while (_operations.Count > Math.Max(1, Options.OperationHistoryLimit))
            {
                _operations.RemoveFirst();
            }

            return record;
        }

        private void Commit(StoreTransaction transaction)
        {
            if (transaction.Doomed)
            {
                throw new DataverseFaultException(DataverseErrorCodes.NoActiveTransaction,
                    "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");
            }

            _store.Commit(transaction);
            if (transaction.HasOnCommit)
            {
                foreach (var action in transaction.OnCommit)
                {
                    action();
                }
            }
        }

        private void SeedOrganization()
        {
            if (_schemas.ContainsKey("businessunit"))
            {
                SeedRow(new Entity("businessunit", RootBusinessUnitId) { ["name"] = OrganizationName });
            }

            if (_schemas.ContainsKey("systemuser"))
            {
                var unit = _schemas.ContainsKey("businessunit") ? new EntityReference("businessunit", RootBusinessUnitId) : null;
                SeedRow(new Entity("systemuser", SystemUserId) { ["fullname"] = "SYSTEM", ["isdisabled"] = false, ["businessunitid"] = unit });
                SeedRow(new Entity("systemuser", AdminUserId) { ["fullname"] = "Test Admin", ["isdisabled"] = false, ["businessunitid"] = unit });
            }
        }

        private void SeedRow(Entity entity)
        {
            var schema = SchemaOf(entity.LogicalName);
            var row = new Entity(entity.LogicalName, entity.Id);
            foreach (var attribute in entity.Attributes)
            {
                if (attribute.Value != null && schema.HasColumn(attribute.Key))
                {
                    row[attribute.Key] = attribute.Value;
                }
            }

            row[schema.PrimaryIdColumn] = entity.Id;
            _store.Table(schema).Put(entity.Id, row);
        }
    }
}
