/*
 * LeadRecycle: the "Return to Nurture" command of the opportunity form.
 *
 * The command (RibbonDiff of opportunity) calls LeadRecycle.ReturnToNurture.open with the form's context. It opens
 * the Return to Nurture dialog (the HTML web resource lr_/pages/ReturnToNurture.html, which loads this same file),
 * where the rep picks the reason and answers the RTN checklist; the dialog calls the bound Custom API
 * lr_ReturnToNurture through Xrm.WebApi.online.execute. The plug-in behind the API closes the deal as lost and
 * creates the Recycled Lead, or refuses with a message saying what to fix, which the dialog shows as it is.
 *
 * The file runs as a classic script in the browser (it defines window.LeadRecycle.ReturnToNurture) and as a
 * CommonJS module under Node.js, where its tests run against a fake Xrm.
 */
(function (root, factory) {
    "use strict";
    var api = factory();
    if (typeof module === "object" && module.exports) {
        module.exports = api;
    } else {
        root.LeadRecycle = root.LeadRecycle || {};
        root.LeadRecycle.ReturnToNurture = api;
    }
}(typeof self !== "undefined" ? self : this, function () {
    "use strict";

    var OPERATION_NAME = "lr_ReturnToNurture";
    var DIALOG_WEB_RESOURCE = "lr_/pages/ReturnToNurture.html";
    var WEB_API_VERSION = "v9.2";

    // formContext.ui.getFormType(): 2 is Update, the only form type on which an open, writable deal is shown.
    var FORM_TYPE_UPDATE = 2;
    var OPPORTUNITY_STATE_OPEN = 0;

    // getMetadata().operationType: 0 action. parameterTypes[].structuralProperty: 1 primitive, 5 entity type.
    var OPERATION_TYPE_ACTION = 0;
    var STRUCTURAL_PRIMITIVE = 1;
    var STRUCTURAL_ENTITY = 5;

    /**
     * The request parameters of lr_ReturnToNurture, as Workflows/CustomApis/ReturnToNurtureApi.cs declares them
     * (a test compares the two). A picklist parameter travels as its integer value (Edm.Int32); choice names the
     * global choice the dialog offers for it.
     */
    var PARAMETERS = [
        { name: "Reason", typeName: "Edm.Int32", required: true, choice: "lr_disqualificationreason" },
        { name: "Background", typeName: "Edm.String" },
        { name: "EffortType", typeName: "Edm.Int32", choice: "lr_efforttype" },
        { name: "TargetStage", typeName: "Edm.Int32", choice: "lr_leaddevelopmentstage" },
        { name: "Likelihood", typeName: "Edm.Int32", choice: "lr_likelihood" },
        { name: "DecisionCriteria", typeName: "Edm.String" },
        { name: "Impediments", typeName: "Edm.String" },
        { name: "WhoIsInvolved", typeName: "Edm.String" },
        { name: "LostStatus", typeName: "Edm.Int32" }
    ];

    // The reason only LeadRecycle's stall scan sets (DisqualificationReason.StalledInStage); a rep never picks it.
    var SCAN_ONLY_REASON = 100000007;

    function trimBraces(id) {
        return String(id || "").replace(/[{}]/g, "").toLowerCase();
    }

    function attributeValue(formContext, name) {
        var attribute = formContext.getAttribute(name);
        return attribute ? attribute.getValue() : null;
    }

    /**
     * Enable rule of the command: only an existing, open deal the user may change. A closed deal's form is read
     * only (form type 3 or 4), and statecode, when the form carries it, must be Open.
     */
    function isEnabled(formContext) {
        if (!formContext || !formContext.ui || formContext.ui.getFormType() !== FORM_TYPE_UPDATE) {
            return false;
        }

        var state = attributeValue(formContext, "statecode");
        return state === null || state === OPPORTUNITY_STATE_OPEN;
    }

    /** The dialog's "data" query string value: the opportunity's id, without braces. */
    function dialogData(opportunityId) {
        return "id=" + encodeURIComponent(trimBraces(opportunityId));
    }

    /** The opportunity id the command passed to the dialog, from the page's location.search. */
    function opportunityIdFromSearch(search) {
        var query = String(search || "").replace(/^\?/, "");
        var pairs = query.split("&");
        for (var i = 0; i < pairs.length; i++) {
            var pair = pairs[i].split("=");
            if (decodeURIComponent(pair[0]) === "data") {
                var inner = decodeURIComponent((pair[1] || "").replace(/\+/g, " ")).split("&");
                for (var j = 0; j < inner.length; j++) {
                    var item = inner[j].split("=");
                    if (item[0] === "id" && /^[0-9a-f-]{36}$/i.test(decodeURIComponent(item[1] || ""))) {
                        return decodeURIComponent(item[1]).toLowerCase();
                    }
                }
            }
        }

        return null;
    }

    /**
     * The command: saves pending changes (the API reads the deal from the server), opens the dialog, and when it
     * closes opens the deal's form again, so a deal returned to nurture shows as closed and read only. Reloading the
     * form rather than calling formContext.ui.refreshRibbon: Microsoft's solution checker rule
     * web-avoid-ui-refreshribbon and the refreshRibbon reference ("Guidance": the form load itself evaluates the
     * command bar's rules) point away from refreshRibbon; and a refreshed form would keep its open-deal form type,
     * which the enable rule reads.
     */
    function open(formContext, xrm) {
        xrm = xrm || (typeof Xrm !== "undefined" ? Xrm : null);
        if (!xrm) {
            throw new Error("LeadRecycle Return to Nurture runs on a model-driven app form (Xrm is not available).");
        }

        var entity = formContext.data.entity;
        var saved = entity.getIsDirty() ? formContext.data.save() : Promise.resolve();
        return Promise.resolve(saved).then(function () {
            return xrm.Navigation.navigateTo(
                { pageType: "webresource", webresourceName: DIALOG_WEB_RESOURCE, data: dialogData(entity.getId()) },
                { target: 2, position: 1, width: { value: 560, unit: "px" }, height: { value: 85, unit: "%" }, title: "Return to Nurture" });
        }).then(function () {
            return xrm.Navigation.openForm({ entityName: "opportunity", entityId: trimBraces(entity.getId()) });
        });
    }

    /** What the rep must fix before the request is sent; the plug-in checks the rest and says so. */
    function validate(answers) {
        var problems = [];
        if (!answers || answers.Reason === undefined || answers.Reason === null || answers.Reason === "") {
            problems.push("Choose a reason for returning this deal to nurture.");
        } else if (Number(answers.Reason) === SCAN_ONLY_REASON) {
            problems.push("'Stalled in stage' is set only by LeadRecycle's stall scan. Choose the reason that explains why this deal stopped moving.");
        }

        return problems;
    }

    function toParameterValue(parameter, value) {
        if (value === undefined || value === null || value === "") {
            return undefined;
        }

        if (parameter.typeName === "Edm.Int32") {
            var number = Number(value);
            if (!isFinite(number) || Math.floor(number) !== number) {
                throw new Error(parameter.name + " must be a whole number; got '" + value + "'.");
            }

            return number;
        }

        var text = String(value).trim();
        return text === "" ? undefined : text;
    }

    /**
     * The request object Xrm.WebApi.online.execute takes for the bound action lr_ReturnToNurture: the bound
     * opportunity as "entity", one property per answered parameter, and getMetadata describing them.
     */
    function buildRequest(opportunityId, answers) {
        var id = trimBraces(opportunityId);
        if (!/^[0-9a-f-]{36}$/.test(id)) {
            throw new Error("Return to Nurture needs the opportunity's id; got '" + opportunityId + "'.");
        }

        var request = { entity: { entityType: "opportunity", id: id } };
        var parameterTypes = { entity: { typeName: "mscrm.opportunity", structuralProperty: STRUCTURAL_ENTITY } };
        PARAMETERS.forEach(function (parameter) {
            var value = toParameterValue(parameter, answers ? answers[parameter.name] : undefined);
            if (value !== undefined) {
                request[parameter.name] = value;
                parameterTypes[parameter.name] = { typeName: parameter.typeName, structuralProperty: STRUCTURAL_PRIMITIVE };
            }
        });

        request.getMetadata = function () {
            return {
                boundParameter: "entity",
                parameterTypes: parameterTypes,
                operationType: OPERATION_TYPE_ACTION,
                operationName: OPERATION_NAME
            };
        };
        return request;
    }

    /**
     * Sends the request. Resolves with the new Recycled Lead's id; rejects with an Error whose message is the
     * plug-in's own (what the rep must fix), or the validation problems joined.
     */
    function submit(xrm, opportunityId, answers) {
        var problems = validate(answers);
        if (problems.length > 0) {
            return Promise.reject(new Error(problems.join(" ")));
        }

        var request;
        try {
            request = buildRequest(opportunityId, answers);
        } catch (error) {
            return Promise.reject(error);
        }

        return xrm.WebApi.online.execute(request).then(function (response) {
            if (!response.ok) {
                throw new Error("Return to Nurture failed with HTTP status " + response.status + ".");
            }

            return response.json();
        }, function (error) {
            throw new Error(error && error.message ? error.message : "Return to Nurture failed.");
        }).then(function (body) {
            var lead = body && body.RecycledLead;
            return lead ? trimBraces(lead.lr_recycledleadid || lead.id || "") : null;
        });
    }

    /** The Web API address of a global choice's definition. */
    function choiceUrl(clientUrl, choiceName) {
        return String(clientUrl).replace(/\/+$/, "") + "/api/data/" + WEB_API_VERSION +
            "/GlobalOptionSetDefinitions(Name='" + encodeURIComponent(choiceName) + "')";
    }

    /**
     * A global choice's options in the user's language, read from the organization's metadata so labels and any
     * option an administrator added show as they are in Dataverse. Resolves with [{ value, label }].
     */
    function loadChoice(fetchImpl, clientUrl, choiceName) {
        return fetchImpl(choiceUrl(clientUrl, choiceName), {
            headers: { "Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
            credentials: "same-origin"
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("Could not read the choice " + choiceName + " (HTTP " + response.status + ").");
            }

            return response.json();
        }).then(function (definition) {
            return (definition.Options || []).map(function (option) {
                var label = option.Label && option.Label.UserLocalizedLabel ? option.Label.UserLocalizedLabel.Label : String(option.Value);
                return { value: option.Value, label: label };
            }).filter(function (option) {
                return !(choiceName === "lr_disqualificationreason" && option.value === SCAN_ONLY_REASON);
            });
        });
    }

    /**
     * The dialog's behaviour, apart from the page: view is what the HTML page implements (fillChoice, readAnswers,
     * showMessage, setBusy, close). start() loads the choices; send() validates, calls the API and closes the
     * dialog on success, or shows what to fix and stays open.
     */
    function createDialogController(options) {
        var xrm = options.xrm;
        var view = options.view;
        var opportunityId = opportunityIdFromSearch(options.search);

        function start() {
            if (!opportunityId) {
                view.showMessage("Open this dialog from an opportunity's Return to Nurture command.");
                view.setBusy(true);
                return Promise.resolve(false);
            }

            var clientUrl = xrm.Utility.getGlobalContext().getClientUrl();
            var choices = PARAMETERS.filter(function (p) { return p.choice; });
            return Promise.all(choices.map(function (parameter) {
                return loadChoice(options.fetch, clientUrl, parameter.choice).then(function (items) {
                    view.fillChoice(parameter.name, items);
                });
            })).then(function () {
                return true;
            }, function (error) {
                view.showMessage(error.message);
                return false;
            });
        }

        function send() {
            var answers = view.readAnswers();
            var problems = validate(answers);
            if (problems.length > 0) {
                view.showMessage(problems.join(" "));
                return Promise.resolve(null);
            }

            view.setBusy(true);
            view.showMessage("");
            return submit(xrm, opportunityId, answers).then(function (recycledLeadId) {
                view.close(recycledLeadId);
                return recycledLeadId;
            }, function (error) {
                view.setBusy(false);
                view.showMessage(error.message);
                return null;
            });
        }

        return { opportunityId: opportunityId, start: start, send: send };
    }

    return {
        operationName: OPERATION_NAME,
        dialogWebResource: DIALOG_WEB_RESOURCE,
        scanOnlyReason: SCAN_ONLY_REASON,
        parameters: PARAMETERS.map(function (p) { return { name: p.name, typeName: p.typeName, required: !!p.required, choice: p.choice || null }; }),
        isEnabled: isEnabled,
        open: open,
        dialogData: dialogData,
        opportunityIdFromSearch: opportunityIdFromSearch,
        validate: validate,
        buildRequest: buildRequest,
        submit: submit,
        choiceUrl: choiceUrl,
        loadChoice: loadChoice,
        createDialogController: createDialogController
    };
}));
