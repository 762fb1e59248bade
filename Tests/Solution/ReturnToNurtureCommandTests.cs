using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Solution;
using LeadRecycle.Tests.Support;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// The "Return to Nurture" command of the opportunity form: its RibbonDiffXml, the script and dialog web resources it
    /// runs, and their agreement with each other and with the lr_ReturnToNurture Custom API. The script's own behaviour is
    /// tested with Node.js (Tests/WebResources), run from here so `dotnet test` covers it.
    /// </summary>
    public sealed class ReturnToNurtureCommandTests
    {
        private const string Script = "lr_/scripts/ReturnToNurture.js";

        private const string Dialog = "lr_/pages/ReturnToNurture.html";

        private const string DialogView = "lr_/scripts/ReturnToNurtureDialog.js";

        private static string WebResourceSource(string name) => Path.Combine(SolutionFixture.ProductSource, "WebResources", name);

        private static XElement Ribbon(XElement customizations) =>
            customizations.Element("Entities")!.Elements("Entity").Single(e => (string?)e.Element("Name") == "Opportunity").Element("RibbonDiffXml")!;

        [Fact]
        public void Should_pass_the_web_resource_tests_when_node_runs_them()
        {
            var result = NodeJs.Run(BuildLayout.RepositoryRoot, "--test", "--test-reporter=tap", Path.Combine("Tests", "WebResources"));

            var passed = Regex.Match(result.Output, @"^# pass (\d+)$", RegexOptions.Multiline);
            var failed = Regex.Match(result.Output, @"^# fail (\d+)$", RegexOptions.Multiline);
            Assert.True(result.ExitCode == 0, "node --test failed:\n" + result.Output + result.Error);
            Assert.True(passed.Success && failed.Success, "no TAP summary from node --test:\n" + result.Output);
            Assert.Equal("0", failed.Groups[1].Value);
            // Every test of the file ran: as many passes as test() calls.
            var declared = Regex.Matches(File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, "Tests", "WebResources", "ReturnToNurture.test.js")), @"^test\(", RegexOptions.Multiline).Count;
            Assert.Equal(declared, int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void Should_run_the_scripts_own_functions_when_the_opportunity_form_command_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var customizations = zip.Xml("customizations.xml");
            var ribbon = Ribbon(customizations);
            var webResources = customizations.Element("WebResources")!.Elements("WebResource").ToDictionary(w => (string)w.Element("Name")!, w => (string)w.Element("WebResourceType")!);

            var action = Assert.Single(ribbon.Element("CustomActions")!.Elements("CustomAction"));
            Assert.Equal("Mscrm.Form.opportunity.MainTab.Save.Controls._children", (string?)action.Attribute("Location"));
            var button = action.Element("CommandUIDefinition")!.Element("Button")!;
            var command = Assert.Single(ribbon.Element("CommandDefinitions")!.Elements("CommandDefinition"));
            Assert.Equal((string?)button.Attribute("Command"), (string?)command.Attribute("Id"));

            // Every label the button shows is defined, in English.
            var labels = ribbon.Element("LocLabels")!.Elements("LocLabel").ToDictionary(l => (string)l.Attribute("Id")!, l => (string)l.Descendants("Title").Single().Attribute("description")!);
            foreach (var attribute in button.Attributes().Where(a => ((string)a).StartsWith("$LocLabels:", StringComparison.Ordinal)))
            {
                Assert.True(labels.ContainsKey(((string)attribute)["$LocLabels:".Length..]), attribute.Name + " names an undefined label");
            }

            Assert.Equal("Return to Nurture", labels[((string)button.Attribute("LabelText")!)["$LocLabels:".Length..]]);

            // The command's rules are the diff's own: nothing depends on a platform rule id.
            var rules = ribbon.Element("RuleDefinitions")!;
            foreach (var kind in new[] { "EnableRule", "DisplayRule" })
            {
                var used = command.Element(kind + "s")!.Elements(kind).Select(r => (string)r.Attribute("Id")!).ToArray();
                Assert.NotEmpty(used);
                Assert.All(used, id => Assert.Single(rules.Element(kind + "s")!.Elements(kind), r => (string?)r.Attribute("Id") == id));
            }

            Assert.Equal("Create", (string?)rules.Descendants("FormStateRule").Single().Attribute("State"));
            Assert.Equal("true", (string?)rules.Descendants("FormStateRule").Single().Attribute("InvertResult"));

            // Both functions the ribbon calls come from a JScript web resource of the same zip, with the form's context.
            var calls = command.Descendants("JavaScriptFunction").Concat(rules.Descendants("CustomRule")).ToArray();
            Assert.Equal(2, calls.Length);
            // The dialog's view script works on its page's DOM and is exempt from avoid-dom-form for that reason: no form loads it.
            Assert.DoesNotContain(DialogView, ribbon.ToString(), StringComparison.Ordinal);
            foreach (var call in calls)
            {
                var library = ((string)call.Attribute("Library")!)["$webresource:".Length..];
                Assert.Equal("3", webResources[library]);
                Assert.Equal("PrimaryControl", (string?)call.Element("CrmParameter")!.Attribute("Value"));
            }

            Assert.Equal("11", webResources[((string)button.Attribute("ModernImage")!)["$webresource:".Length..]]);

            // ... and the script, loaded as a classic browser script (no CommonJS), defines exactly those functions.
            var names = calls.Select(c => (string)c.Attribute("FunctionName")!).ToArray();
            var script = WebResourceSource(Script);
            var check = "const vm=require('vm');const fs=require('fs');const w={};vm.runInNewContext(fs.readFileSync(process.argv[1],'utf8'),{self:w});" +
                "console.log(JSON.stringify(process.argv.slice(2).map(n=>typeof n.split('.').reduce((o,k)=>o&&o[k],w))));";
            var result = NodeJs.Run(BuildLayout.RepositoryRoot, new[] { "-e", check, script }.Concat(names).ToArray());
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal(new[] { "function", "function" }, JsonSerializer.Deserialize<string[]>(result.Output));
        }

        [Fact]
        public void Should_send_exactly_the_custom_apis_parameters_when_the_script_builds_its_request()
        {
            var api = LeadRecycleSolution.Model().CustomApis.Single(a => a.UniqueName == "lr_ReturnToNurture").Api;
            var script = WebResourceSource(Script);
            var result = NodeJs.Run(BuildLayout.RepositoryRoot, "-e",
                "const r=require(process.argv[1]);console.log(JSON.stringify({op:r.operationName,fn:r.requirementsFunction,dialog:r.dialogWebResource,parameters:r.parameters}));", script);
            Assert.True(result.ExitCode == 0, result.Error);
            using var json = JsonDocument.Parse(result.Output);
            var root = json.RootElement;

            Assert.Equal(api.UniqueName, root.GetProperty("op").GetString());
            Assert.Equal(Dialog, root.GetProperty("dialog").GetString());
            Assert.Equal(LeadRecycle.CustomApis.GetReturnToNurtureRequirementsApi.UniqueName, root.GetProperty("fn").GetString());
            var parameters = root.GetProperty("parameters").EnumerateArray()
                .Select(p => (Name: p.GetProperty("name").GetString()!, Type: p.GetProperty("typeName").GetString()!, Required: p.GetProperty("required").GetBoolean(), Choice: p.GetProperty("choice").GetString()))
                .ToArray();

            // The same names, optionality and Web API types as the Custom API declares (customapirequestparameter.type codes).
            static string WebApiType(CustomApiParameterType type) => type switch
            {
                CustomApiParameterType.Integer or CustomApiParameterType.Picklist => "Edm.Int32",   // a picklist is sent as its value
                CustomApiParameterType.String => "Edm.String",
                _ => throw new InvalidOperationException("the script does not send parameters of type " + type),
            };
            Assert.Equal(
                api.RequestParameters.Select(p => (p.UniqueName, WebApiType(p.Type), !p.IsOptional)).OrderBy(p => p.UniqueName, StringComparer.Ordinal),
                parameters.Select(p => (p.Name, p.Type, p.Required)).OrderBy(p => p.Name, StringComparer.Ordinal));

            // The dialog offers each picklist parameter from the global choice of the checklist column it fills.
            var closeTable = MakerXmlReferences.ProductCatalog.Get(OpportunityClose.EntityName);
            var picklists = api.RequestParameters.Where(p => p.Type == CustomApiParameterType.Picklist).Select(p => p.UniqueName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(picklists, parameters.Where(p => p.Choice != null).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var parameter in parameters.Where(p => p.Choice != null))
            {
                var column = closeTable.FindColumn("lr_" + parameter.Name.ToLowerInvariant())!;
                Assert.Equal(column.Choice!.Name, parameter.Choice);
            }

            // The dialog page loads the script by its relative path and has a field for every parameter it asks the rep.
            var page = File.ReadAllText(WebResourceSource(Dialog));
            // Web resources are served under /WebResources/<name>, so a relative src resolves against the page's own name.
            var sources = Regex.Matches(page, "<script src=\"([^\"]+)\"></script>")
                .Select(m => new Uri(new Uri("https://contoso.crm.dynamics.com/WebResources/" + Dialog), m.Groups[1].Value).AbsolutePath);
            Assert.Equal(new[] { "/WebResources/" + Script, "/WebResources/" + DialogView }, sources);

            // Each field carries the close form's label (the one checklist declaration's, which the plug-in's refusals name too).
            foreach (var parameter in parameters.Where(p => p.Name != "LostStatus"))
            {
                var label = Regex.Match(page, $"<label for=\"{parameter.Name}\"><span class=\"text\">([^<]+)</span>");
                Assert.True(label.Success, "no label for " + parameter.Name);
                Assert.Equal(LeadRecycle.Services.Recycling.ReturnToNurtureChecklist.All.Single(item => item.ParameterName == parameter.Name).Label, label.Groups[1].Value);
                Assert.Contains($"id=\"{parameter.Name}\"", page, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Should_carry_the_reason_and_checklist_on_the_lead_form_when_lead_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: false);
            var lead = zip.Xml("customizations.xml").Element("Entities")!.Elements("Entity").Single(e => (string?)e.Element("Name") == "Lead");

            var form = Assert.Single(lead.Element("FormXml")!.Elements("forms"), f => (string?)f.Attribute("type") == "main").Element("systemform")!;
            var sections = form.Descendants("section").ToDictionary(s => (string)s.Attribute("name")!, s => s.Descendants("control").Select(c => (string)c.Attribute("datafieldname")!).ToArray());
            Assert.Equal(new[] { "lr_reason", "lr_background", "lr_efforttype", "lr_targetstage", "lr_likelihood", "lr_decisioncriteria", "lr_impediments", "lr_whoisinvolved" }, sections["returntonurture"]);
            Assert.Equal(new[] { "lr_recyclecount", "lr_recycledleadid", "lr_lastactivityon" }, sections["recycling"]);
            Assert.Contains("subject", sections["lead"]);
        }
    }
}
