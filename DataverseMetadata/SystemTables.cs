using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Metadata
{
    /// <summary>
    /// The Dataverse system tables LeadRecycle touches, with the columns it reads or writes and their real types.
    /// State and status values follow docs/research/dataverse-behaviour.md (B.1, B.3) and Microsoft's table
    /// references. Only a subset of each table's columns is listed: the in-memory Dataverse refuses the others,
    /// so a plug-in that starts using a new column makes a test fail until the column is added here.
    /// </summary>
    public static class SystemTables
    {
        private static readonly string[] OwnerTargets = { "systemuser", "team" };
        private static readonly string[] CustomerTargets = { "account", "contact" };

        public static TableMetadata Opportunity { get; } = Table("opportunity", "Opportunity", "Opportunities", "opportunityid", "name")
            with
            {
                Columns = Columns(
                    Key("opportunityid", "Opportunity"),
                    Text("name", "Topic", 300, RequiredLevel.ApplicationRequired),
                    Customer("customerid", "Potential Customer"),
                    Lookup("parentaccountid", "Account", "account"),
                    Lookup("parentcontactid", "Contact", "contact"),
                    Lookup("originatingleadid", "Originating Lead", "lead"),
                    Money("estimatedvalue", "Est. Revenue"),
                    Money("actualvalue", "Actual Revenue"),
                    Date("actualclosedate", "Actual Close Date", dateOnly: true),
                    Date("estimatedclosedate", "Est. Close Date", dateOnly: true),
                    Choice("salesstage", "Sales Stage", new ChoiceMetadata("opportunity_salesstage", "Sales Stage", new[]
                    {
                        new ChoiceOption(0, "Qualify"),
                        new ChoiceOption(1, "Develop"),
                        new ChoiceOption(2, "Propose"),
                        new ChoiceOption(3, "Close"),
                    }, IsGlobal: false)),
                    // Microsoft's opportunity "Rating" (opportunityratingcode: 1 Hot, 2 Warm, 3 Cold), a choice an admin may segment stall thresholds by.
                    Choice("opportunityratingcode", "Rating", new ChoiceMetadata("opportunity_opportunityratingcode", "Rating", new[]
                    {
                        new ChoiceOption(1, "Hot"),
                        new ChoiceOption(2, "Warm"),
                        new ChoiceOption(3, "Cold"),
                    }, IsGlobal: false)),
                    Text("stepname", "Pipeline Phase", 200),
                    Memo("description", "Description", 2000),
                    State("opportunity", new[] { (0, "Open"), (1, "Won"), (2, "Lost") }),
                    Status("opportunity", new[] { (1, "In Progress", 0), (2, "On Hold", 0), (3, "Won", 1), (4, "Canceled", 2), (5, "Out-Sold", 2) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata OpportunityClose { get; } = Table("opportunityclose", "Opportunity Close", "Opportunity Close", "activityid", "subject")
            with
            {
                IsActivity = true,
                Columns = Columns(
                    Key("activityid", "Opportunity Close"),
                    Text("subject", "Subject", 200),
                    Lookup("opportunityid", "Opportunity", "opportunity") with { RequiredLevel = RequiredLevel.ApplicationRequired },
                    Date("actualend", "Closed On", dateOnly: true),
                    Money("actualrevenue", "Actual Revenue"),
                    Lookup("competitorid", "Competitor", "competitor"),
                    Memo("description", "Description", 2000),
                    Choice("opportunitystatecode", "Opportunity Status", new ChoiceMetadata("opportunityclose_opportunitystatecode", "Opportunity Status", new[]
                    {
                        new ChoiceOption(0, "Open"),
                        new ChoiceOption(1, "Won"),
                        new ChoiceOption(2, "Lost"),
                    }, IsGlobal: false)),
                    Choice("opportunitystatuscode", "Status Reason", new ChoiceMetadata("opportunityclose_opportunitystatuscode", "Status Reason", new[]
                    {
                        new ChoiceOption(1, "In Progress"),
                        new ChoiceOption(2, "On Hold"),
                        new ChoiceOption(3, "Won"),
                        new ChoiceOption(4, "Canceled"),
                        new ChoiceOption(5, "Out-Sold"),
                    }, IsGlobal: false)),
                    State("opportunityclose", new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") }),
                    Status("opportunityclose", new[] { (1, "Open", 0), (2, "Completed", 1), (3, "Canceled", 2) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata Lead { get; } = Table("lead", "Lead", "Leads", "leadid", "fullname")
            with
            {
                Columns = Columns(
                    Key("leadid", "Lead"),
                    Text("subject", "Topic", 300),
                    Text("fullname", "Name", 160) with { IsValidForCreate = false, IsValidForUpdate = false },
                    Text("firstname", "First Name", 50),
                    Text("lastname", "Last Name", 50),
                    Text("companyname", "Company Name", 100),
                    Text("emailaddress1", "Email", 100),
                    Lookup("parentaccountid", "Parent Account for lead", "account"),
                    Lookup("parentcontactid", "Parent Contact for lead", "contact"),
                    Memo("description", "Description", 2000),
                    State("lead", new[] { (0, "Open"), (1, "Qualified"), (2, "Disqualified") }),
                    Status("lead", new[]
                    {
                        (1, "New", 0), (2, "Contacted", 0), (3, "Qualified", 1), (4, "Lost", 2),
                        (5, "Cannot Contact", 2), (6, "No Longer Interested", 2), (7, "Canceled", 2),
                    }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata Contact { get; } = Table("contact", "Contact", "Contacts", "contactid", "fullname")
            with
            {
                Columns = Columns(
                    Key("contactid", "Contact"),
                    Text("fullname", "Full Name", 160) with { IsValidForCreate = false, IsValidForUpdate = false },
                    Text("firstname", "First Name", 50),
                    Text("lastname", "Last Name", 50),
                    Text("emailaddress1", "Email", 100),
                    Lookup("parentcustomerid", "Company Name", "account", "contact") with { Type = ColumnType.Customer },
                    Memo("description", "Description", 2000),
                    State("contact", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("contact", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata Account { get; } = Table("account", "Account", "Accounts", "accountid", "name")
            with
            {
                Columns = Columns(
                    Key("accountid", "Account"),
                    Text("name", "Account Name", 160),
                    Text("emailaddress1", "Email", 100),
                    Lookup("primarycontactid", "Primary Contact", "contact"),
                    Lookup("parentaccountid", "Parent Account", "account"),
                    Memo("description", "Description", 2000),
                    State("account", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("account", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata SystemUser { get; } = Table("systemuser", "User", "Users", "systemuserid", "fullname")
            with
            {
                Ownership = TableOwnership.None,
                Columns = Columns(
                    Key("systemuserid", "User"),
                    Text("fullname", "Full Name", 200),
                    Text("firstname", "First Name", 256),
                    Text("lastname", "Last Name", 256),
                    Text("internalemailaddress", "Primary Email", 100),
                    Column("isdisabled", ColumnType.Boolean, "Status"),
                    Lookup("parentsystemuserid", "Manager", "systemuser"),
                    Lookup("businessunitid", "Business Unit", "businessunit"))
                    .Concat(AuditColumns()).ToArray(),
            };

        public static TableMetadata Team { get; } = Table("team", "Team", "Teams", "teamid", "name")
            with
            {
                Ownership = TableOwnership.None,
                Columns = Columns(
                    Key("teamid", "Team"),
                    Text("name", "Team Name", 160),
                    Lookup("businessunitid", "Business Unit", "businessunit"),
                    Lookup("administratorid", "Administrator", "systemuser"),
                    Choice("teamtype", "Team Type", new ChoiceMetadata("team_type", "Team Type", new[]
                    {
                        new ChoiceOption(0, "Owner"),
                        new ChoiceOption(1, "Access"),
                        new ChoiceOption(2, "Security Group"),
                        new ChoiceOption(3, "Office Group"),
                    }, IsGlobal: false)))
                    .Concat(AuditColumns()).ToArray(),
            };

        public static TableMetadata BusinessUnit { get; } = Table("businessunit", "Business Unit", "Business Units", "businessunitid", "name")
            with
            {
                Ownership = TableOwnership.None,
                Columns = Columns(
                    Key("businessunitid", "Business Unit"),
                    Text("name", "Name", 160),
                    Lookup("parentbusinessunitid", "Parent Business", "businessunit"),
                    Column("isdisabled", ColumnType.Boolean, "Is Disabled"))
                    .Concat(AuditColumns()).ToArray(),
            };

        public static TableMetadata Task { get; } = Table("task", "Task", "Tasks", "activityid", "subject")
            with
            {
                IsActivity = true,
                Columns = Columns(
                    Key("activityid", "Task"),
                    Text("subject", "Subject", 200),
                    Memo("description", "Description", 2000),
                    Lookup("regardingobjectid", "Regarding", "account", "contact", "lead", "opportunity"),
                    Date("scheduledend", "Due Date", dateOnly: false),
                    Date("actualend", "Actual End", dateOnly: false),
                    Choice("prioritycode", "Priority", new ChoiceMetadata("task_prioritycode", "Priority", new[]
                    {
                        new ChoiceOption(0, "Low"),
                        new ChoiceOption(1, "Normal"),
                        new ChoiceOption(2, "High"),
                    }, IsGlobal: false)),
                    State("task", new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") }),
                    Status("task", new[]
                    {
                        (2, "Not Started", 0), (3, "In Progress", 0), (4, "Waiting on someone else", 0), (7, "Deferred", 0),
                        (5, "Completed", 1), (6, "Canceled", 2),
                    }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        public static TableMetadata Queue { get; } = Table("queue", "Queue", "Queues", "queueid", "name")
            with
            {
                Columns = Columns(
                    Key("queueid", "Queue"),
                    Text("name", "Queue Name", 400),
                    Text("emailaddress", "Incoming Email", 100),
                    Memo("description", "Description", 2000),
                    State("queue", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("queue", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        /// <summary>An item in a queue: creating one puts a record in the queue (the supported way to route to a queue).</summary>
        public static TableMetadata QueueItem { get; } = Table("queueitem", "Queue Item", "Queue Items", "queueitemid", "title")
            with
            {
                Ownership = TableOwnership.OrganizationOwned,
                Columns = Columns(
                    Key("queueitemid", "Queue Item"),
                    Text("title", "Title", 300),
                    Lookup("queueid", "Queue", "queue"),
                    Lookup("objectid", "Object", "lead", "opportunity"),
                    State("queueitem", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("queueitem", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(AuditColumns()).ToArray(),
            };

        public static TableMetadata EnvironmentVariableDefinition { get; } =
            Table("environmentvariabledefinition", "Environment Variable Definition", "Environment Variable Definitions", "environmentvariabledefinitionid", "schemaname")
            with
            {
                Ownership = TableOwnership.UserOwned,
                Columns = Columns(
                    Key("environmentvariabledefinitionid", "Environment Variable Definition"),
                    Text("schemaname", "Schema Name", 100, RequiredLevel.SystemRequired) with { IsValidForUpdate = false },
                    Text("displayname", "Display Name", 100),
                    Memo("defaultvalue", "Default Value", 2000),
                    Choice("type", "Type", new ChoiceMetadata("environmentvariabledefinition_type", "Type", new[]
                    {
                        new ChoiceOption(100000000, "String"),
                        new ChoiceOption(100000001, "Number"),
                        new ChoiceOption(100000002, "Boolean"),
                        new ChoiceOption(100000003, "JSON"),
                        new ChoiceOption(100000004, "Data source"),
                        new ChoiceOption(100000005, "Secret"),
                    }, IsGlobal: false)),
                    State("environmentvariabledefinition", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("environmentvariabledefinition", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
                AlternateKeys = new[] { new AlternateKeyMetadata("environmentvariabledefinition_schemaname", "Schema Name", new[] { "schemaname" }) },
            };

        public static TableMetadata EnvironmentVariableValue { get; } =
            Table("environmentvariablevalue", "Environment Variable Value", "Environment Variable Values", "environmentvariablevalueid", "schemaname")
            with
            {
                Columns = Columns(
                    Key("environmentvariablevalueid", "Environment Variable Value"),
                    Text("schemaname", "Schema Name", 100),
                    Memo("value", "Value", 2000),
                    Lookup("environmentvariabledefinitionid", "Environment Variable Definition", "environmentvariabledefinition"),
                    State("environmentvariablevalue", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("environmentvariablevalue", new[] { (1, "Active", 0), (2, "Inactive", 1) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        /// <summary>Every system table above.</summary>
        /// <summary>Activities whose creation regarding a lead counts as activity on it (LeadRecycle registers on them).</summary>
        public static TableMetadata PhoneCall { get; } = SimpleActivity("phonecall", "Phone Call", "Phone Calls");

        public static TableMetadata Email { get; } = SimpleActivity("email", "Email", "Emails");

        public static TableMetadata Appointment { get; } = SimpleActivity("appointment", "Appointment", "Appointments");

        /// <summary>
        /// The out-of-the-box "Opportunity Sales Process" business process flow instance (one per opportunity); its
        /// active stage changes by Update (docs/research/dataverse-behaviour.md B.4; column names not verified on a real org).
        /// </summary>
        public static TableMetadata OpportunitySalesProcess { get; } =
            Table("opportunitysalesprocess", "Opportunity Sales Process", "Opportunity Sales Processes", "businessprocessflowinstanceid", "name") with
            {
                Ownership = TableOwnership.OrganizationOwned,
                Columns = Columns(
                    Key("businessprocessflowinstanceid", "Opportunity Sales Process"),
                    Text("name", "Name", 200),
                    Lookup("opportunityid", "Opportunity", "opportunity"),
                    Lookup("activestageid", "Active Stage", "processstage"),
                    Date("activestagestartedtime", "Active Stage Started On", dateOnly: false),
                    State("opportunitysalesprocess", new[] { (0, "Active"), (1, "Inactive") }),
                    Status("opportunitysalesprocess", new[] { (1, "Active", 0), (2, "Finished", 1), (3, "Aborted", 1) }))
                    .Concat(AuditColumns()).ToArray(),
            };

        public static IReadOnlyList<TableMetadata> All { get; } = new[]
        {
            Opportunity, OpportunityClose, Lead, Contact, Account, SystemUser, Team, BusinessUnit, Task, Queue,
            EnvironmentVariableDefinition, EnvironmentVariableValue, PhoneCall, Email, Appointment, OpportunitySalesProcess, QueueItem,
        };

        private static TableMetadata SimpleActivity(string logicalName, string displayName, string collectionName) =>
            Table(logicalName, displayName, collectionName, "activityid", "subject") with
            {
                IsActivity = true,
                Columns = Columns(
                    Key("activityid", displayName),
                    Text("subject", "Subject", 400),
                    Memo("description", "Description", 2000),
                    Lookup("regardingobjectid", "Regarding", "lead", "opportunity", "account", "contact"),
                    Date("scheduledend", "Due", dateOnly: false),
                    State(logicalName, new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") }),
                    Status(logicalName, new[] { (1, "Open", 0), (2, "Completed", 1), (3, "Canceled", 2) }))
                    .Concat(OwnedSystemColumns()).ToArray(),
            };

        private static TableMetadata Table(string logicalName, string displayName, string collectionName, string idColumn, string nameColumn) =>
            new TableMetadata(logicalName, displayName, collectionName, idColumn, nameColumn);

        private static ColumnMetadata[] Columns(params ColumnMetadata[] columns) => columns;

        private static ColumnMetadata Column(string logicalName, ColumnType type, string displayName) =>
            new ColumnMetadata(logicalName, type, displayName);

        private static ColumnMetadata Key(string logicalName, string tableDisplayName) =>
            new ColumnMetadata(logicalName, ColumnType.Uniqueidentifier, tableDisplayName) { IsValidForUpdate = false };

        private static ColumnMetadata Text(string logicalName, string displayName, int maxLength, RequiredLevel requiredLevel = RequiredLevel.None) =>
            new ColumnMetadata(logicalName, ColumnType.String, displayName) { MaxLength = maxLength, RequiredLevel = requiredLevel };

        private static ColumnMetadata Memo(string logicalName, string displayName, int maxLength) =>
            new ColumnMetadata(logicalName, ColumnType.Memo, displayName) { MaxLength = maxLength };

        private static ColumnMetadata Money(string logicalName, string displayName) =>
            new ColumnMetadata(logicalName, ColumnType.Money, displayName) { Precision = 2, MinValue = -922337203685477m, MaxValue = 922337203685477m };

        private static ColumnMetadata Date(string logicalName, string displayName, bool dateOnly) =>
            new ColumnMetadata(logicalName, ColumnType.DateTime, displayName) { DateOnly = dateOnly };

        private static ColumnMetadata Lookup(string logicalName, string displayName, params string[] targets) =>
            new ColumnMetadata(logicalName, ColumnType.Lookup, displayName) { Targets = targets };

        private static ColumnMetadata Customer(string logicalName, string displayName) =>
            new ColumnMetadata(logicalName, ColumnType.Customer, displayName) { Targets = CustomerTargets };

        private static ColumnMetadata Choice(string logicalName, string displayName, ChoiceMetadata choice) =>
            new ColumnMetadata(logicalName, ColumnType.Picklist, displayName) { Choice = choice };

        private static ColumnMetadata State(string table, (int Value, string Label)[] states) =>
            new ColumnMetadata("statecode", ColumnType.State, "Status")
            {
                RequiredLevel = RequiredLevel.SystemRequired,
                IsValidForCreate = false,
                Choice = new ChoiceMetadata(table + "_statecode", "Status",
                    states.Select(s => new ChoiceOption(s.Value, s.Label)).ToArray(), IsGlobal: false),
            };

        /// <summary>Status reasons, each with the state it belongs to; the first of a state is that state's default.</summary>
        private static ColumnMetadata Status(string table, (int Value, string Label, int State)[] statuses) =>
            new ColumnMetadata("statuscode", ColumnType.Status, "Status Reason")
            {
                Choice = new ChoiceMetadata(table + "_statuscode", "Status Reason",
                    statuses.Select(s => new ChoiceOption(s.Value, s.Label, State: s.State)).ToArray(), IsGlobal: false),
            };

        private static IEnumerable<ColumnMetadata> AuditColumns() => new[]
        {
            Date("createdon", "Created On", dateOnly: false) with { IsValidForCreate = false, IsValidForUpdate = false },
            Date("modifiedon", "Modified On", dateOnly: false) with { IsValidForCreate = false, IsValidForUpdate = false },
            Lookup("createdby", "Created By", "systemuser") with { IsValidForCreate = false, IsValidForUpdate = false },
            Lookup("modifiedby", "Modified By", "systemuser") with { IsValidForCreate = false, IsValidForUpdate = false },
        };

        private static IEnumerable<ColumnMetadata> OwnedSystemColumns() =>
            AuditColumns().Concat(new[]
            {
                new ColumnMetadata("ownerid", ColumnType.Owner, "Owner") { Targets = OwnerTargets, RequiredLevel = RequiredLevel.SystemRequired },
                Lookup("owningbusinessunit", "Owning Business Unit", "businessunit") with { IsValidForCreate = false, IsValidForUpdate = false },
            });
    }
}
