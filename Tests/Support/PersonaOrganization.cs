using System;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Security;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.Support
{
    /// <summary>
    /// LeadRecycle installed in an organization shaped like a customer's, with LeadRecycle's personas holding the
    /// shipped roles (Solution/src/Roles) on top of the platform roles the README's "Importing the solution" names:
    /// <list type="bullet">
    /// <item>business units: the root (admin, flow), Sales (the reps and their manager), Marketing (the marketer and the marketing team);</item>
    /// <item><see cref="Rep"/> and <see cref="SecondRep"/>: Salesperson + LeadRecycle Sales, managed by <see cref="Manager"/>;</item>
    /// <item><see cref="Manager"/>: Sales Manager + LeadRecycle Sales Manager;</item>
    /// <item><see cref="Marketer"/>: Marketing Professional + LeadRecycle Marketing, member of <see cref="MarketingTeam"/>,
    /// the owner team the policy names as marketing owner (it holds LeadRecycle Marketing: in Dataverse an owner team
    /// needs a role to own records, and its members act on what it owns through that role);</item>
    /// <item><see cref="Admin"/>: System Administrator + LeadRecycle Administrator;</item>
    /// <item><see cref="Flow"/>: the application user whose connection the nightly cloud flow uses. It holds LeadRecycle
    /// Automation only, not System Administrator: the scan does its work as SYSTEM, so its caller needs no more than
    /// the scan's execute privilege, and a System Administrator would pass every check, so a test as the flow would
    /// prove nothing.</item>
    /// </list>
    /// </summary>
    internal sealed class PersonaOrganization
    {
        public const string AdministratorRole = "LeadRecycle Administrator";
        public const string MarketingRole = "LeadRecycle Marketing";

        public PersonaOrganization()
        {
            Setup = new LeadRecycleOrganization();
            var org = Setup.Org;
            SalesUnit = org.CreateBusinessUnit("Sales");
            MarketingUnit = org.CreateBusinessUnit("Marketing");
            Manager = org.CreateUser("Morgan Manager", businessUnitId: SalesUnit, roles: LeadRecycleInstallation.ManagerRoles);
            Rep = Setup.Rep;
            org.Service.Update(new Entity("systemuser", Rep)
            {
                ["businessunitid"] = new EntityReference("businessunit", SalesUnit),
                ["parentsystemuserid"] = new EntityReference("systemuser", Manager),
            });
            SecondRep = org.CreateUser("Sasha Second", Manager, businessUnitId: SalesUnit, roles: LeadRecycleInstallation.RepRoles);
            Marketer = org.CreateUser("Mina Marketer", businessUnitId: MarketingUnit, roles: new[] { PlatformRoles.MarketingProfessionalName, MarketingRole });
            MarketingTeam = org.CreateTeam("Marketing", MarketingUnit, new[] { Marketer }, new[] { MarketingRole });
            Admin = org.CreateUser("Avery Admin", roles: new[] { PlatformRoles.SystemAdministratorName, AdministratorRole });
            Flow = org.CreateUser("LeadRecycle Daily Stall Scan (application user)", roles: LeadRecycleInstallation.FlowRoles);
            LeadRecycleInstallation.WritePolicy(org, $"{{ \"marketingOwner\": {{ \"team\": \"{MarketingTeam}\" }} }}");
        }

        /// <summary>The data builder over the same organization (its <see cref="LeadRecycleOrganization.Service"/> is the test's admin connection).</summary>
        public LeadRecycleOrganization Setup { get; }

        public InMemoryOrganization Org => Setup.Org;

        public Guid SalesUnit { get; }

        public Guid MarketingUnit { get; }

        public Guid Rep { get; }

        public Guid SecondRep { get; }

        public Guid Manager { get; }

        public Guid Marketer { get; }

        public Guid MarketingTeam { get; }

        public Guid Admin { get; }

        public Guid Flow { get; }

        /// <summary>The organization service as a persona (what that person's app or connection calls).</summary>
        public IOrganizationService As(Guid persona) => Org.CreateOrganizationService(persona);
    }
}
