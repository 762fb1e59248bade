// Tests of the opportunity form's Return to Nurture command and the dialog's behaviour
// (Solution/src/WebResources/lr_/scripts/ReturnToNurture.js), run with Node.js's own test runner against xrm-mock, the
// maintained fake of Microsoft's client API. Tests/Solution/ReturnToNurtureCommandTests.cs runs this file as part of
// `dotnet test` (after `npm ci`, which installs xrm-mock).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const XrmMock = require("xrm-mock");
const { XrmMockGenerator } = XrmMock;

const rtn = require(path.join(__dirname, "..", "..", "Solution", "src", "WebResources", "lr_", "scripts", "ReturnToNurture.js"));

const DEAL = "{6B29FC40-CA47-1067-B31D-00DD010662DA}";
const DEAL_ID = "6b29fc40-ca47-1067-b31d-00dd010662da";
const LEAD_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const SEARCH = "?data=" + encodeURIComponent("id=" + DEAL_ID);

// What lr_GetReturnToNurtureRequirements answers under the default policy (Tests/Pipeline/ReturnToNurtureRequirementsTests.cs
// checks the function itself; here it is the host's answer).
const REQUIREMENTS = JSON.stringify({
    reasons: [
        { reason: 100000000, removesFromWaterfall: false, stream: "New stakeholder", requires: ["Background", "EffortType", "TargetStage", "WhoIsInvolved"] },
        { reason: 100000004, removesFromWaterfall: false, stream: "Re-engagement", requires: ["Background", "EffortType", "TargetStage"] },
        { reason: 100000008, removesFromWaterfall: true, stream: null, requires: [] },
    ],
});

const ALL_CHOICES = {
    lr_disqualificationreason: [[100000000, "Decision maker changed"], [100000004, "Unable to reach"], [100000007, "Stalled in stage"], [100000008, "Not a potential buyer"]],
    lr_efforttype: [[100000000, "Marketing nurture"]],
    lr_leaddevelopmentstage: [[100000000, "Inquiry"]],
    lr_likelihood: [[100000001, "1"], [100000004, "4"]],
};

const LABELS = {
    Reason: "Return-to-Nurture reason", Background: "Background for nurturing", EffortType: "Type of effort needed",
    TargetStage: "Lead-development stage to re-enter", Likelihood: "Likelihood to move in 30 days (1-4)",
    DecisionCriteria: "Decision criteria", Impediments: "Impediments", WhoIsInvolved: "Who is involved",
};

/** xrm-mock's Xrm, on the opportunity form of DEAL, in the given form type and state. */
function opportunityForm({ formType = 2, state = 0, withState = true } = {}) {
    const xrm = XrmMockGenerator.initialise({
        entity: { entityName: "opportunity", id: DEAL },
        ui: new XrmMock.UiMock({ controls: [], formSelector: new XrmMock.FormSelectorMock(new XrmMock.ItemCollectionMock([new XrmMock.FormItemMock({ id: "main", label: "Opportunity", formType, currentItem: true })])) }),
    });
    if (withState) {
        XrmMockGenerator.Attribute.createOptionSet("statecode", state);
    }

    return { xrm, form: XrmMockGenerator.getFormContext() };
}

/**
 * xrm-mock's Xrm as the dialog's host: Xrm.WebApi.online.execute answers the function and the action (xrm-mock leaves
 * execute unimplemented, so the test supplies the server's answers).
 */
function dialogHost({ requirements = () => ok({ Requirements: REQUIREMENTS }), action = () => ok({ RecycledLead: { lr_recycledleadid: LEAD_ID } }) } = {}) {
    const xrm = XrmMockGenerator.initialise();
    xrm.Utility.getGlobalContext = () => ({ getClientUrl: () => "https://contoso.crm.dynamics.com/" });
    const calls = [];
    xrm.WebApi.online.execute = (request) => {
        const metadata = request.getMetadata();
        calls.push({ request, metadata });
        return metadata.operationName === rtn.requirementsFunction ? requirements(request) : action(request);
    };
    return { xrm, calls };
}

function ok(body) {
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(body) });
}

function choiceFetch(options, { delay } = {}) {
    const urls = [];
    const fetch = (url) => {
        urls.push(url);
        const name = /Name='([^']+)'/.exec(url)[1];
        const values = options[name];
        const answer = !values
            ? { ok: false, status: 404, json: () => Promise.resolve({}) }
            : { ok: true, status: 200, json: () => Promise.resolve({ Name: name, Options: values.map(([value, label]) => ({ Value: value, Label: { UserLocalizedLabel: { Label: label } } })) }) };
        return delay ? new Promise((resolve) => setTimeout(() => resolve(answer), delay)) : Promise.resolve(answer);
    };
    fetch.urls = urls;
    return fetch;
}

function fakeView(answers = {}) {
    const view = { filled: {}, notices: [], busy: [], required: [], notes: [], errors: [], confirmations: [], retry: null };
    view.answers = answers;
    view.fillChoice = (name, items) => { view.filled[name] = items; };
    view.readAnswers = () => view.answers;
    view.fieldLabels = () => LABELS;
    view.showNotice = (text, kind, retry) => { view.notices.push({ text, kind }); view.retry = retry || null; };
    view.clearNotice = () => view.notices.push(null);
    view.markRequired = (required, note) => { view.required.push(required); view.notes.push(note); };
    view.showErrors = (summary, errors) => view.errors.push({ summary, errors });
    view.clearErrors = () => view.errors.push(null);
    view.setBusy = (busy, sending) => view.busy.push(sending ? "sending" : busy);
    view.showConfirmation = (title, text) => view.confirmations.push({ title, text });
    return view;
}

function dialog(options = {}) {
    const host = options.host || dialogHost();
    const view = options.view || fakeView();
    const controller = rtn.createDialogController({
        xrm: "xrm" in options ? options.xrm : host.xrm,
        fetch: options.fetch || choiceFetch(ALL_CHOICES),
        search: "search" in options ? options.search : SEARCH,
        view,
        slowAfterMs: options.slowAfterMs,
    });
    return { controller, view, host };
}

test("the command is enabled only on an existing, open deal", () => {
    assert.equal(rtn.isEnabled(opportunityForm().form), true);
    assert.equal(rtn.isEnabled(opportunityForm({ withState: false }).form), true, "a form without statecode relies on the form type");
    assert.equal(rtn.isEnabled(opportunityForm({ formType: 1 }).form), false, "create form: nothing to return yet");
    assert.equal(rtn.isEnabled(opportunityForm({ formType: 3 }).form), false, "read-only form");
    assert.equal(rtn.isEnabled(opportunityForm({ formType: 4 }).form), false, "disabled (closed) form");
    assert.equal(rtn.isEnabled(opportunityForm({ state: 1 }).form), false, "won");
    assert.equal(rtn.isEnabled(opportunityForm({ state: 2 }).form), false, "lost");
    assert.equal(rtn.isEnabled(undefined), false);
});

test("the command opens the dialog web resource as a centred dialog with the deal's id, then opens the deal's form again", async () => {
    const { xrm, form } = opportunityForm();
    let refreshed = false;
    form.ui.refreshRibbon = () => { refreshed = true; };
    await rtn.open(form, xrm);

    const navigation = xrm.Navigation;
    assert.equal(navigation.navigateToCalls.length, 1);
    const { pageInput, navigationOptions } = navigation.navigateToCalls[0];
    assert.deepEqual(pageInput, { pageType: "webresource", webresourceName: "lr_/pages/ReturnToNurture.html", data: "id=" + DEAL_ID });
    assert.equal(navigationOptions.target, 2);
    assert.equal(navigationOptions.position, 1);
    assert.deepEqual(navigation.formCalls.map((c) => c.entityFormOptions), [{ entityName: "opportunity", entityId: DEAL_ID }]);
    assert.equal(refreshed, false, "never formContext.ui.refreshRibbon (solution checker rule web-avoid-ui-refreshribbon)");
});

test("the command saves pending changes before opening the dialog", async () => {
    const { xrm, form } = opportunityForm();
    const order = [];
    form.data.entity.getIsDirty = () => true;
    form.data.save = () => { order.push("save"); return Promise.resolve(); };
    const navigateTo = xrm.Navigation.navigateTo.bind(xrm.Navigation);
    xrm.Navigation.navigateTo = (page, options) => { order.push("navigateTo"); return navigateTo(page, options); };
    await rtn.open(form, xrm);
    assert.deepEqual(order, ["save", "navigateTo"]);
});

test("the dialog reads the deal's id from the data parameter whatever its encoding or case", () => {
    assert.equal(rtn.opportunityIdFromSearch("?data=" + encodeURIComponent(rtn.dialogData(DEAL))), DEAL_ID);
    assert.equal(rtn.opportunityIdFromSearch("?data=id=" + DEAL_ID), DEAL_ID, "an unencoded '=' in the value");
    assert.equal(rtn.opportunityIdFromSearch("?Data=ID%3D" + DEAL_ID.toUpperCase()), DEAL_ID, "capitalized keys and id");
    assert.equal(rtn.opportunityIdFromSearch("?orgname=x&data=" + encodeURIComponent("id=" + DEAL) + "&userlcid=1033"), DEAL_ID, "braces");
    assert.equal(rtn.opportunityIdFromSearch("?data=id%3Dnot-a-guid"), null);
    assert.equal(rtn.opportunityIdFromSearch("?orgname=x"), null);
    assert.equal(rtn.opportunityIdFromSearch(""), null);
});

test("the requirements come from the Custom API function, called as a function with no parameters", async () => {
    const host = dialogHost();
    const requirements = await rtn.loadRequirements(host.xrm);

    assert.deepEqual(host.calls[0].metadata, { boundParameter: null, parameterTypes: {}, operationType: 1, operationName: "lr_GetReturnToNurtureRequirements" });
    assert.deepEqual(requirements[0], { reason: 100000000, removesFromWaterfall: false, stream: "New stakeholder", requires: ["Background", "EffortType", "TargetStage", "WhoIsInvolved"] });
    assert.throws(() => rtn.parseRequirements("{\"reasons\": 3}"), /not in the expected shape/);
    assert.throws(() => rtn.parseRequirements(undefined), /not in the expected shape/);
});

test("validation asks for the reason, then for what that reason requires, each field with its own message", () => {
    const requirements = rtn.parseRequirements(REQUIREMENTS);
    assert.deepEqual(rtn.validate({ Reason: "" }, requirements).map((e) => e.name), ["Reason"]);
    assert.deepEqual(rtn.validate({ Reason: "100000007" }, requirements), [{ name: "Reason", message: "Choose one of the reasons in the list." }]);
    const missing = rtn.validate({ Reason: "100000000", Background: "  ", EffortType: "100000000" }, requirements);
    assert.deepEqual(missing.map((e) => e.name), ["Background", "TargetStage", "WhoIsInvolved"]);
    assert.ok(missing.every((e) => e.message.length > 0 && !/close the opportunity/i.test(e.message)));
    assert.deepEqual(rtn.validate({ Reason: "100000008" }, requirements), [], "a removal reason needs nothing more");
});

test("the request binds the deal and carries only the answered parameters, typed", () => {
    const request = rtn.buildRequest(DEAL, { Reason: "100000004", Background: "  Budget frozen until Q3 ", Likelihood: "100000002", Impediments: "   ", EffortType: "", ReasonLabel: "Unable to reach" });

    assert.deepEqual(request.entity, { entityType: "opportunity", id: DEAL_ID });
    assert.equal(request.Reason, 100000004);
    assert.equal(request.Background, "Budget frozen until Q3");
    assert.equal("Impediments" in request, false, "blank text is not sent");
    assert.equal("ReasonLabel" in request, false, "only the API's parameters");
    assert.deepEqual(request.getMetadata(), {
        boundParameter: "entity",
        operationName: "lr_ReturnToNurture",
        operationType: 0,
        parameterTypes: {
            entity: { typeName: "mscrm.opportunity", structuralProperty: 5 },
            Reason: { typeName: "Edm.Int32", structuralProperty: 1 },
            Background: { typeName: "Edm.String", structuralProperty: 1 },
            Likelihood: { typeName: "Edm.Int32", structuralProperty: 1 },
        },
    });
    assert.throws(() => rtn.buildRequest("", { Reason: 100000004 }), /needs the opportunity's id/);
    assert.throws(() => rtn.buildRequest(DEAL, { Reason: "abc" }), /Reason must be a whole number; got 'abc'\./);
});

test("the dialog offers only the reasons the function answered for, then marks what the picked reason requires", async () => {
    const { controller, view } = dialog();
    assert.equal(await controller.start(), true);

    assert.deepEqual(view.filled.Reason.map((o) => o.value), [100000000, 100000004, 100000008], "not the stall scan's own reason");
    assert.deepEqual(Object.keys(view.filled).sort(), ["EffortType", "Likelihood", "Reason", "TargetStage"]);
    assert.deepEqual(view.busy, [true, false]);

    view.answers = { Reason: "100000000", ReasonLabel: "Decision maker changed" };
    controller.reasonChanged();
    assert.deepEqual(view.required.at(-1), ["Reason", "Background", "EffortType", "TargetStage", "WhoIsInvolved"]);
    assert.match(view.notes.at(-1), /nurtures the prospect in the “New stakeholder” stream/);

    view.answers = { Reason: "100000008", ReasonLabel: "Not a potential buyer" };
    controller.reasonChanged();
    assert.deepEqual(view.required.at(-1), ["Reason"]);
    assert.match(view.notes.at(-1), /^“Not a potential buyer” removes the prospect from the waterfall: marketing will not nurture it\./);
});

test("sending with fields missing shows a summary and each field's message, and calls nothing", async () => {
    const { controller, view, host } = dialog();
    await controller.start();
    view.answers = { Reason: "100000004", Background: "Left three voicemails." };

    assert.equal(await controller.send(), null);
    const shown = view.errors.at(-1);
    assert.equal(shown.summary, "Fill in 2 fields before you return this deal to nurture:");
    assert.deepEqual(shown.errors.map((e) => e.name), ["EffortType", "TargetStage"]);
    assert.equal(host.calls.filter((c) => c.metadata.operationName === "lr_ReturnToNurture").length, 0);

    // Filling one in updates the errors as the rep goes.
    view.answers = { ...view.answers, EffortType: "100000000" };
    controller.reasonChanged();
    assert.deepEqual(view.errors.at(-1).errors.map((e) => e.name), ["TargetStage"]);
});

test("sending a complete checklist calls the action and shows the confirmation with how to close", async () => {
    const { controller, view, host } = dialog();
    await controller.start();
    view.answers = { Reason: "100000004", Background: "Left three voicemails.", EffortType: "100000000", TargetStage: "100000000" };

    assert.equal(await controller.send(), LEAD_ID);
    const action = host.calls.find((c) => c.metadata.operationName === "lr_ReturnToNurture");
    assert.equal(action.request.Background, "Left three voicemails.");
    assert.equal(view.confirmations.length, 1);
    assert.match(view.confirmations[0].text, /closed as lost/);
    assert.match(view.confirmations[0].text, /close button \(×\)/);
    assert.ok(view.busy.includes("sending"));
});

test("a refusal naming fields marks those fields; any other refusal is shown whole, and the dialog stays usable", async () => {
    const refusal = "The reason 'Unable to reach' needs: Background for nurturing, Type of effort needed. Fill them in, then close the opportunity again.";
    const host = dialogHost({ action: () => Promise.reject({ errorCode: 2147220891, message: refusal }) });
    const { controller, view } = dialog({ host });
    await controller.start();
    view.answers = { Reason: "100000008" };

    assert.equal(await controller.send(), null);
    assert.deepEqual(view.errors.at(-1).errors.map((e) => e.name), ["Background", "EffortType"]);
    assert.doesNotMatch(view.errors.at(-1).summary, /close the opportunity again/);
    assert.equal(view.busy.at(-1), false, "unlocked after the refusal");

    const denied = dialogHost({ action: () => Promise.reject({ message: "Principal user is missing prvWriteOpportunity privilege." }) });
    const second = dialog({ host: denied });
    await second.controller.start();
    second.view.answers = { Reason: "100000008" };
    await second.controller.send();
    assert.deepEqual(second.view.errors.at(-1), { summary: "The deal was not returned to nurture. Principal user is missing prvWriteOpportunity privilege.", errors: [] });
});

test("outside Dynamics 365 (no host Xrm) the dialog says where it works", async () => {
    const { controller, view } = dialog({ xrm: null });
    assert.equal(await controller.start(), false);
    assert.match(view.notices.at(-1).text, /works inside Dynamics 365 only/);
    assert.equal(view.notices.at(-1).kind, "error");
});

test("without the data parameter the dialog says to start again from the deal", async () => {
    const { controller, view } = dialog({ search: "" });
    assert.equal(await controller.start(), false);
    assert.match(view.notices.at(-1).text, /did not receive the deal/);
});

test("a failed metadata or Custom API call says so and offers to try again, which then loads", async () => {
    let fail = true;
    const host = dialogHost({ requirements: () => (fail ? Promise.reject(new Error("HTTP 500")) : ok({ Requirements: REQUIREMENTS })) });
    const { controller, view } = dialog({ host, fetch: choiceFetch(ALL_CHOICES) });
    assert.equal(await controller.start(), false);
    assert.match(view.notices.at(-1).text, /could not be loaded \(HTTP 500\)\. Check your connection, then try again\./);
    assert.equal(typeof view.retry, "function");

    const missingChoice = dialog({ fetch: choiceFetch({ ...ALL_CHOICES, lr_likelihood: undefined }) });
    assert.equal(await missingChoice.controller.start(), false);
    assert.match(missingChoice.view.notices.at(-1).text, /the choice lr_likelihood could not be read \(HTTP 404\)/);

    fail = false;
    assert.equal(await controller.start(), true);
    assert.equal(view.notices.at(-1), null, "the notice is cleared once loaded");
});

test("a slow network tells the rep it is still loading, then carries on", async () => {
    const { controller, view } = dialog({ fetch: choiceFetch(ALL_CHOICES, { delay: 40 }), slowAfterMs: 5 });
    assert.equal(await controller.start(), true);
    assert.ok(view.notices.some((n) => n && /^Still loading/.test(n.text)));
    assert.equal(view.notices.at(-1), null);
});

test("a slow send tells the rep to keep the dialog open, and a second click sends nothing more", async () => {
    let release;
    const host = dialogHost({ action: () => new Promise((resolve) => { release = () => resolve({ ok: true, status: 200, json: () => Promise.resolve({}) }); }) });
    const { controller, view } = dialog({ host, slowAfterMs: 5 });
    await controller.start();
    view.answers = { Reason: "100000008" };

    const sent = controller.send();
    assert.equal(await controller.send(), null, "a double click while sending");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(view.notices.at(-1).text, /^Still sending/);
    release();
    await sent;
    assert.equal(host.calls.filter((c) => c.metadata.operationName === "lr_ReturnToNurture").length, 1);
    assert.equal(view.confirmations.length, 1);
});
