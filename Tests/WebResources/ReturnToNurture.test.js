// Tests of the opportunity form's Return to Nurture command (Solution/src/WebResources/lr_/scripts/ReturnToNurture.js),
// run with Node.js's own test runner against a fake Xrm. Tests/Solution/ReturnToNurtureCommandTests.cs runs this file
// as part of `dotnet test`.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const rtn = require(path.join(__dirname, "..", "..", "Solution", "src", "WebResources", "lr_", "scripts", "ReturnToNurture.js"));

const DEAL = "{6B29FC40-CA47-1067-B31D-00DD010662DA}";
const DEAL_ID = "6b29fc40-ca47-1067-b31d-00dd010662da";
const LEAD_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function formContext({ formType = 2, state = 0, dirty = false, withState = true } = {}) {
    const calls = [];
    return {
        calls,
        ui: {
            getFormType: () => formType,
        },
        getAttribute: (name) => (name === "statecode" && withState ? { getValue: () => state } : null),
        data: {
            entity: { getId: () => DEAL, getIsDirty: () => dirty },
            save: () => { calls.push("save"); return Promise.resolve(); },
        },
    };
}

function fakeXrm({ execute } = {}) {
    const calls = [];
    return {
        calls,
        Navigation: {
            navigateTo: (page, options) => { calls.push({ navigateTo: page, options }); return Promise.resolve(); },
            openForm: (options) => { calls.push({ openForm: options }); return Promise.resolve(); },
        },
        Utility: { getGlobalContext: () => ({ getClientUrl: () => "https://contoso.crm.dynamics.com/" }) },
        WebApi: {
            online: {
                execute: (request) => {
                    calls.push({ execute: request });
                    return execute ? execute(request) : Promise.resolve({
                        ok: true,
                        status: 200,
                        json: () => Promise.resolve({ RecycledLead: { "@odata.type": "#Microsoft.Dynamics.CRM.lr_recycledlead", lr_recycledleadid: LEAD_ID } }),
                    });
                },
            },
        },
    };
}

function choiceFetch(options) {
    const urls = [];
    const fetch = (url) => {
        urls.push(url);
        const name = /Name='([^']+)'/.exec(url)[1];
        const values = options[name];
        if (!values) {
            return Promise.resolve({ ok: false, status: 404, json: () => Promise.resolve({}) });
        }

        return Promise.resolve({
            ok: true,
            status: 200,
            json: () => Promise.resolve({ Name: name, Options: values.map(([value, label]) => ({ Value: value, Label: { UserLocalizedLabel: { Label: label } } })) }),
        });
    };
    fetch.urls = urls;
    return fetch;
}

const ALL_CHOICES = {
    lr_disqualificationreason: [[100000000, "Decision maker changed"], [100000004, "Unable to reach"], [100000007, "Stalled in stage"]],
    lr_efforttype: [[100000000, "Marketing nurture"]],
    lr_leaddevelopmentstage: [[100000000, "Inquiry"]],
    lr_likelihood: [[100000001, "1"], [100000004, "4"]],
};

function fakeView(answers) {
    const view = { filled: {}, messages: [], busy: [], closed: [] };
    view.fillChoice = (name, items) => { view.filled[name] = items; };
    view.readAnswers = () => answers;
    view.showMessage = (text) => view.messages.push(text);
    view.setBusy = (busy) => view.busy.push(busy);
    view.close = (id) => view.closed.push(id);
    return view;
}

test("the command is enabled only on an existing, open deal", () => {
    assert.equal(rtn.isEnabled(formContext()), true);
    assert.equal(rtn.isEnabled(formContext({ withState: false })), true, "a form without statecode relies on the form type");
    assert.equal(rtn.isEnabled(formContext({ formType: 1 })), false, "create form: nothing to return yet");
    assert.equal(rtn.isEnabled(formContext({ formType: 3 })), false, "read-only form");
    assert.equal(rtn.isEnabled(formContext({ formType: 4 })), false, "disabled (closed) form");
    assert.equal(rtn.isEnabled(formContext({ state: 1 })), false, "won");
    assert.equal(rtn.isEnabled(formContext({ state: 2 })), false, "lost");
    assert.equal(rtn.isEnabled(undefined), false);
});

test("the command opens the dialog web resource as a centred dialog with the deal's id, then opens the deal's form again", async () => {
    const form = formContext();
    const xrm = fakeXrm();
    await rtn.open(form, xrm);

    assert.equal(xrm.calls.length, 2);
    const { navigateTo, options } = xrm.calls[0];
    assert.deepEqual(navigateTo, { pageType: "webresource", webresourceName: "lr_/pages/ReturnToNurture.html", data: "id=" + DEAL_ID });
    assert.equal(options.target, 2);
    assert.equal(options.position, 1);
    assert.deepEqual(xrm.calls[1], { openForm: { entityName: "opportunity", entityId: DEAL_ID } });
    assert.deepEqual(form.calls, []);
});

test("the command never calls formContext.ui.refreshRibbon (solution checker rule web-avoid-ui-refreshribbon)", async () => {
    const form = formContext();
    form.ui.refreshRibbon = () => form.calls.push("refreshRibbon");
    await rtn.open(form, fakeXrm());
    assert.deepEqual(form.calls, []);
});

test("the command saves pending changes before opening the dialog", async () => {
    const form = formContext({ dirty: true });
    const xrm = fakeXrm();
    await rtn.open(form, xrm);
    assert.deepEqual(form.calls, ["save"]);
});

test("the dialog reads the deal's id from the data the command passed", () => {
    const search = "?data=" + encodeURIComponent(rtn.dialogData(DEAL));
    assert.equal(rtn.opportunityIdFromSearch(search), DEAL_ID);
    assert.equal(rtn.opportunityIdFromSearch("?data=id%3Dnot-a-guid"), null);
    assert.equal(rtn.opportunityIdFromSearch(""), null);
    assert.equal(rtn.opportunityIdFromSearch("?orgname=x&data=" + encodeURIComponent("id=" + DEAL_ID) + "&userlcid=1033"), DEAL_ID);
});

test("a reason is required, and the stall scan's own reason is refused", () => {
    assert.deepEqual(rtn.validate({}), ["Choose a reason for returning this deal to nurture."]);
    assert.deepEqual(rtn.validate({ Reason: "" }), ["Choose a reason for returning this deal to nurture."]);
    assert.deepEqual(rtn.validate({ Reason: String(rtn.scanOnlyReason) }),
        ["'Stalled in stage' is set only by LeadRecycle's stall scan. Choose the reason that explains why this deal stopped moving."]);
    assert.deepEqual(rtn.validate({ Reason: "100000004" }), []);
});

test("the request binds the deal and carries only the answered parameters, typed", () => {
    const request = rtn.buildRequest(DEAL, { Reason: "100000004", Background: "  Budget frozen until Q3 ", Likelihood: "100000002", Impediments: "   ", EffortType: "" });

    assert.deepEqual(request.entity, { entityType: "opportunity", id: DEAL_ID });
    assert.equal(request.Reason, 100000004);
    assert.equal(request.Background, "Budget frozen until Q3");
    assert.equal(request.Likelihood, 100000002);
    assert.equal("Impediments" in request, false, "blank text is not sent");
    assert.equal("EffortType" in request, false, "an unanswered choice is not sent");

    const metadata = request.getMetadata();
    assert.equal(metadata.boundParameter, "entity");
    assert.equal(metadata.operationName, "lr_ReturnToNurture");
    assert.equal(metadata.operationType, 0);
    assert.deepEqual(metadata.parameterTypes, {
        entity: { typeName: "mscrm.opportunity", structuralProperty: 5 },
        Reason: { typeName: "Edm.Int32", structuralProperty: 1 },
        Background: { typeName: "Edm.String", structuralProperty: 1 },
        Likelihood: { typeName: "Edm.Int32", structuralProperty: 1 },
    });
});

test("the request refuses a missing id and a choice that is not a whole number", () => {
    assert.throws(() => rtn.buildRequest("", { Reason: 100000004 }), /Return to Nurture needs the opportunity's id; got ''\./);
    assert.throws(() => rtn.buildRequest(DEAL, { Reason: "abc" }), /Reason must be a whole number; got 'abc'\./);
});

test("submit sends the request and resolves with the new recycled lead", async () => {
    const xrm = fakeXrm();
    const id = await rtn.submit(xrm, DEAL, { Reason: 100000004 });
    assert.equal(id, LEAD_ID);
    assert.equal(xrm.calls.length, 1);
    assert.equal(xrm.calls[0].execute.getMetadata().operationName, "lr_ReturnToNurture");
});

test("submit does not call Dataverse when the answers are incomplete", async () => {
    const xrm = fakeXrm();
    await assert.rejects(rtn.submit(xrm, DEAL, {}), { message: "Choose a reason for returning this deal to nurture." });
    assert.equal(xrm.calls.length, 0);
});

test("submit passes the plug-in's message through unchanged", async () => {
    const refusal = "The reason 'Unable to reach' needs: Background for nurturing. Fill them in, then close the opportunity again.";
    const xrm = fakeXrm({ execute: () => Promise.reject({ errorCode: 2147220891, message: refusal }) });
    await assert.rejects(rtn.submit(xrm, DEAL, { Reason: 100000004 }), { message: refusal });
});

test("submit reports an HTTP failure that carries no message", async () => {
    const xrm = fakeXrm({ execute: () => Promise.resolve({ ok: false, status: 503, json: () => Promise.resolve({}) }) });
    await assert.rejects(rtn.submit(xrm, DEAL, { Reason: 100000004 }), { message: "Return to Nurture failed with HTTP status 503." });
});

test("a choice is read from the organization's metadata by its name, without the scan-only reason", async () => {
    const fetch = choiceFetch(ALL_CHOICES);
    const reasons = await rtn.loadChoice(fetch, "https://contoso.crm.dynamics.com/", "lr_disqualificationreason");
    assert.deepEqual(fetch.urls, ["https://contoso.crm.dynamics.com/api/data/v9.2/GlobalOptionSetDefinitions(Name='lr_disqualificationreason')"]);
    assert.deepEqual(reasons, [{ value: 100000000, label: "Decision maker changed" }, { value: 100000004, label: "Unable to reach" }]);

    const likelihood = await rtn.loadChoice(fetch, "https://contoso.crm.dynamics.com", "lr_likelihood");
    assert.deepEqual(likelihood.map((o) => o.value), [100000001, 100000004]);
});

test("a choice that cannot be read says which one", async () => {
    await assert.rejects(rtn.loadChoice(choiceFetch({}), "https://x", "lr_efforttype"), { message: "Could not read the choice lr_efforttype (HTTP 404)." });
});

test("the dialog fills the four choices, sends, and closes with the recycled lead", async () => {
    const view = fakeView({ Reason: "100000004", Background: "Call back after the merger." });
    const xrm = fakeXrm();
    const dialog = rtn.createDialogController({ xrm, fetch: choiceFetch(ALL_CHOICES), search: "?data=" + encodeURIComponent("id=" + DEAL_ID), view });

    assert.equal(dialog.opportunityId, DEAL_ID);
    assert.equal(await dialog.start(), true);
    assert.deepEqual(Object.keys(view.filled).sort(), ["EffortType", "Likelihood", "Reason", "TargetStage"]);

    assert.equal(await dialog.send(), LEAD_ID);
    assert.deepEqual(view.closed, [LEAD_ID]);
    assert.equal(xrm.calls[0].execute.Background, "Call back after the merger.");
});

test("the dialog stays open and shows what to fix when the plug-in refuses", async () => {
    const refusal = "Choose a Reason before closing this opportunity as lost.";
    const view = fakeView({ Reason: "100000000" });
    const xrm = fakeXrm({ execute: () => Promise.reject({ message: refusal }) });
    const dialog = rtn.createDialogController({ xrm, fetch: choiceFetch(ALL_CHOICES), search: "?data=" + encodeURIComponent("id=" + DEAL_ID), view });

    assert.equal(await dialog.send(), null);
    assert.deepEqual(view.closed, []);
    assert.equal(view.messages.at(-1), refusal);
    assert.deepEqual(view.busy, [true, false], "the fields are locked while sending and unlocked after the refusal");
});

test("the dialog never sends without a reason", async () => {
    const view = fakeView({ Reason: "" });
    const xrm = fakeXrm();
    const dialog = rtn.createDialogController({ xrm, fetch: choiceFetch(ALL_CHOICES), search: "?data=" + encodeURIComponent("id=" + DEAL_ID), view });

    assert.equal(await dialog.send(), null);
    assert.equal(xrm.calls.length, 0);
    assert.deepEqual(view.messages, ["Choose a reason for returning this deal to nurture."]);
});

test("the dialog opened without a deal says where to start and stays locked", async () => {
    const view = fakeView({});
    const dialog = rtn.createDialogController({ xrm: fakeXrm(), fetch: choiceFetch(ALL_CHOICES), search: "", view });
    assert.equal(await dialog.start(), false);
    assert.deepEqual(view.messages, ["Open this dialog from an opportunity's Return to Nurture command."]);
    assert.deepEqual(view.busy, [true]);
});

test("the dialog shows a choice it could not load", async () => {
    const view = fakeView({});
    const dialog = rtn.createDialogController({ xrm: fakeXrm(), fetch: choiceFetch({ lr_disqualificationreason: [[100000000, "x"]] }), search: "?data=" + encodeURIComponent("id=" + DEAL_ID), view });
    assert.equal(await dialog.start(), false);
    assert.match(view.messages[0], /^Could not read the choice lr_(efforttype|leaddevelopmentstage|likelihood) \(HTTP 404\)\.$/);
});
