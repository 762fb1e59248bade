// @ts-check
/*
 * LeadRecycle: the "Return to Nurture" command of the opportunity form and the dialog it opens.
 *
 * The command (RibbonDiff of opportunity) calls LeadRecycle.ReturnToNurture.open with the form's context. It opens
 * the Return to Nurture dialog (the HTML web resource lr_/pages/ReturnToNurture.html, which loads this same file and
 * ReturnToNurtureDialog.js, the view over the page's own DOM), where the rep picks the reason and answers the RTN checklist. The dialog asks the Custom API function
 * lr_GetReturnToNurtureRequirements what each reason requires (the policy the plug-in enforces, never a copy here),
 * marks those fields as soon as a reason is picked, and sends the bound Custom API lr_ReturnToNurture through
 * Xrm.WebApi.online.execute. The plug-in closes the deal as lost and creates the Recycled Lead, or refuses.
 *
 * Closing: Microsoft documents no API that closes a navigateTo web resource dialog from inside it (powerapps-docs
 * issue 791, "No, there isn't any provided as part of this API"), and the HTML standard makes window.close() a no-op
 * in an iframe. What navigateTo does document is that its promise resolves "on closing the dialog when navigating to a
 * dialog" (navigateTo, Client API reference, successCallback). So the dialog never pretends to close itself: after a
 * send it shows a confirmation that says to close it with the dialog's own close button, and the command, when
 * navigateTo resolves, opens the deal's form again so it shows the closed deal.
 *
 * Typed against Microsoft's client API types (@types/xrm) and checked with `npm run typecheck` (TypeScript, strict).
 * The file runs as a classic script in the browser (it defines window.LeadRecycle.ReturnToNurture) and as a CommonJS
 * module under Node.js, where its tests run against xrm-mock.
 */
/**
 * @typedef {{ reason: number, removesFromWaterfall: boolean, stream: string | null, requires: string[] }} ReasonRequirement
 * @typedef {{ value: number, label: string }} ChoiceOption
 * @typedef {Object<string, string>} Answers
 * @typedef {{ name: string, message: string }} FieldError
 * @typedef {{ ok: boolean, status: number, json: () => Promise<any> }} HttpResponse
 * @typedef {(url: string, init?: Object) => Promise<HttpResponse>} FetchLike
 * @typedef {{ name: string, typeName: string, required?: boolean, choice?: string, missing?: string }} Parameter
 *
 * What the dialog page implements (mount builds it over the DOM; the tests use a fake):
 * @typedef {Object} DialogView
 * @property {(name: string, items: ChoiceOption[]) => void} fillChoice
 * @property {() => Answers} readAnswers
 * @property {() => Object<string, string>} fieldLabels the label each field shows, by field name
 * @property {(text: string, kind: "info" | "error", retry?: () => void) => void} showNotice
 * @property {() => void} clearNotice
 * @property {(required: string[], note: string) => void} markRequired
 * @property {(summary: string, errors: FieldError[]) => void} showErrors summary at the top, each field's own message, focus on the first
 * @property {() => void} clearErrors
 * @property {(busy: boolean, sending?: boolean) => void} setBusy
 * @property {(title: string, text: string) => void} showConfirmation
 *
 * @typedef {Object} DialogOptions
 * @property {Xrm.XrmStatic | null | undefined} xrm the host's Xrm (window.parent.Xrm); missing outside Dynamics 365
 * @property {FetchLike} fetch
 * @property {string} search the page's location.search
 * @property {DialogView} view
 * @property {number} [slowAfterMs] when a call counts as slow and the rep is told it is still running
 *
 * @typedef {Object} DialogController
 * @property {string | null} opportunityId
 * @property {() => Promise<boolean>} start
 * @property {() => void} reasonChanged
 * @property {() => Promise<string | null>} send
 */
(function (root, factory) {
    "use strict";
    var api = factory();
    if (typeof module === "object" && module.exports) {
        module.exports = api;
    } else {
        var host = /** @type {{ LeadRecycle?: { ReturnToNurture?: unknown } }} */ (root);
        host.LeadRecycle = host.LeadRecycle || {};
        host.LeadRecycle.ReturnToNurture = api;
    }
}(typeof self !== "undefined" ? self : this, function () {
    "use strict";


    var OPERATION_NAME = "lr_ReturnToNurture";
    var REQUIREMENTS_FUNCTION = "lr_GetReturnToNurtureRequirements";
    var DIALOG_WEB_RESOURCE = "lr_/pages/ReturnToNurture.html";
    var WEB_API_VERSION = "v9.2";
    var SLOW_AFTER_MS = 8000;

    // formContext.ui.getFormType(): 2 is Update, the only form type on which an open, writable deal is shown.
    var FORM_TYPE_UPDATE = 2;
    var OPPORTUNITY_STATE_OPEN = 0;

    // getMetadata().operationType: 0 action, 1 function. parameterTypes[].structuralProperty: 1 primitive, 5 entity type.
    var OPERATION_TYPE_ACTION = 0;
    var OPERATION_TYPE_FUNCTION = 1;
    var STRUCTURAL_PRIMITIVE = 1;
    var STRUCTURAL_ENTITY = 5;

    /**
     * The request parameters of lr_ReturnToNurture, as Workflows/CustomApis/ReturnToNurtureApi.cs declares them
     * (a test compares the two). A picklist parameter travels as its integer value (Edm.Int32); choice names the
     * global choice the dialog offers for it; missing is what the dialog tells the rep when the field is required and
     * empty.
     * @type {Parameter[]}
     */
    var PARAMETERS = [
        { name: "Reason", typeName: "Edm.Int32", required: true, choice: "lr_disqualificationreason", missing: "Choose why this deal goes back to marketing." },
        { name: "Background", typeName: "Edm.String", missing: "Tell marketing what happened and what the prospect cares about." },
        { name: "EffortType", typeName: "Edm.Int32", choice: "lr_efforttype", missing: "Choose the type of effort the prospect needs." },
        { name: "TargetStage", typeName: "Edm.Int32", choice: "lr_leaddevelopmentstage", missing: "Choose the stage the lead goes back to." },
        { name: "Likelihood", typeName: "Edm.Int32", choice: "lr_likelihood", missing: "Choose how likely the prospect is to move in the next 30 days." },
        { name: "DecisionCriteria", typeName: "Edm.String", missing: "Note how the prospect will decide." },
        { name: "Impediments", typeName: "Edm.String", missing: "Note what stands in the way." },
        { name: "WhoIsInvolved", typeName: "Edm.String", missing: "Note who takes part in the decision." },
        { name: "LostStatus", typeName: "Edm.Int32" }
    ];

    /** @param {unknown} id */
    function trimBraces(id) {
        return String(id || "").replace(/[{}]/g, "").toLowerCase();
    }

    /** @param {string} id */
    function isGuid(id) {
        return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
    }

    /** @param {string} name */
    function parameter(name) {
        for (var i = 0; i < PARAMETERS.length; i++) {
            if (PARAMETERS[i].name === name) {
                return PARAMETERS[i];
            }
        }

        return null;
    }

    /**
     * Enable rule of the command: only an existing, open deal the user may change. A closed deal's form is read
     * only (form type 3 or 4), and statecode, when the form carries it, must be Open.
     * @param {Xrm.FormContext | null | undefined} formContext
     */
    function isEnabled(formContext) {
        if (!formContext || !formContext.ui || formContext.ui.getFormType() !== FORM_TYPE_UPDATE) {
            return false;
        }

        var attribute = formContext.getAttribute("statecode");
        var state = attribute ? attribute.getValue() : null;
        return state === null || state === OPPORTUNITY_STATE_OPEN;
    }

    /**
     * The dialog's "data" query string value: the opportunity's id, without braces.
     * @param {string} opportunityId
     */
    function dialogData(opportunityId) {
        return "id=" + encodeURIComponent(trimBraces(opportunityId));
    }

    /**
     * The value of a query string key, whatever its case (URLSearchParams decodes and keeps an unencoded "=" in a value).
     * @param {URLSearchParams} query
     * @param {string} key
     */
    function getIgnoringCase(query, key) {
        /** @type {string | null} */
        var found = null;
        query.forEach(function (value, name) {
            if (found === null && name.toLowerCase() === key) {
                found = value;
            }
        });
        return found;
    }

    /**
     * The opportunity id the command passed to the dialog, from the page's location.search; null when there is none.
     * @param {string} search
     */
    function opportunityIdFromSearch(search) {
        var data = getIgnoringCase(new URLSearchParams(String(search || "")), "data");
        if (data === null) {
            return null;
        }

        var id = trimBraces(getIgnoringCase(new URLSearchParams(data), "id"));
        return isGuid(id) ? id : null;
    }

    /**
     * The command: saves pending changes (the API reads the deal from the server), opens the dialog, and when it
     * closes opens the deal's form again, so a deal returned to nurture shows as closed and read only. Reloading the
     * form rather than calling formContext.ui.refreshRibbon: Microsoft's solution checker rule
     * web-avoid-ui-refreshribbon and the refreshRibbon reference ("Guidance": the form load itself evaluates the
     * command bar's rules) point away from refreshRibbon; and a refreshed form would keep its open-deal form type,
     * which the enable rule reads. navigateTo's promise resolves when the rep closes the dialog (navigateTo, Client API
     * reference: successCallback runs "on closing the dialog when navigating to a dialog").
     * @param {Xrm.FormContext} formContext
     * @param {Xrm.XrmStatic} [xrm]
     */
    function open(formContext, xrm) {
        var host = xrm || (typeof Xrm !== "undefined" ? Xrm : null);
        if (!host) {
            throw new Error("LeadRecycle Return to Nurture runs on a model-driven app form (Xrm is not available).");
        }

        var navigation = host.Navigation;
        var entity = formContext.data.entity;
        var saved = entity.getIsDirty() ? formContext.data.save() : Promise.resolve();
        return Promise.resolve(saved).then(function () {
            return navigation.navigateTo(
                { pageType: "webresource", webresourceName: DIALOG_WEB_RESOURCE, data: dialogData(entity.getId()) },
                { target: 2, position: 1, width: { value: 560, unit: "px" }, height: { value: 85, unit: "%" }, title: "Return to Nurture" });
        }).then(function () {
            return navigation.openForm({ entityName: "opportunity", entityId: trimBraces(entity.getId()) });
        });
    }

    /**
     * Reads the function's JSON answer. A malformed answer is an error the rep is told about, never a half-marked form.
     * @param {unknown} text
     * @returns {ReasonRequirement[]}
     */
    function parseRequirements(text) {
        var parsed = typeof text === "string" ? JSON.parse(text) : null;
        var reasons = parsed && Array.isArray(parsed.reasons) ? parsed.reasons : null;
        if (!reasons) {
            throw new Error("the requirements are not in the expected shape");
        }

        return reasons.map(function (/** @type {any} */ item) {
            if (typeof item.reason !== "number" || typeof item.removesFromWaterfall !== "boolean" || !Array.isArray(item.requires)) {
                throw new Error("the requirements are not in the expected shape");
            }

            return {
                reason: item.reason,
                removesFromWaterfall: item.removesFromWaterfall,
                stream: typeof item.stream === "string" ? item.stream : null,
                requires: item.requires.filter(function (/** @type {unknown} */ name) { return typeof name === "string" && parameter(name) !== null; })
            };
        });
    }

    /**
     * Calls the function lr_GetReturnToNurtureRequirements (global, no parameters).
     * @param {Xrm.XrmStatic} xrm
     * @returns {Promise<ReasonRequirement[]>}
     */
    function loadRequirements(xrm) {
        var request = {
            getMetadata: function () {
                return { boundParameter: null, parameterTypes: {}, operationType: OPERATION_TYPE_FUNCTION, operationName: REQUIREMENTS_FUNCTION };
            }
        };
        return Promise.resolve(xrm.WebApi.online.execute(request)).then(function (response) {
            if (!response.ok) {
                throw new Error("HTTP " + response.status);
            }

            return response.json();
        }).then(function (body) {
            return parseRequirements(body && body.Requirements);
        });
    }

    /**
     * The Web API address of a global choice's definition.
     * @param {string} clientUrl
     * @param {string} choiceName
     */
    function choiceUrl(clientUrl, choiceName) {
        return String(clientUrl).replace(/\/+$/, "") + "/api/data/" + WEB_API_VERSION +
            "/GlobalOptionSetDefinitions(Name='" + encodeURIComponent(choiceName) + "')";
    }

    /**
     * A global choice's options in the user's language, read from the organization's metadata so labels and any
     * option an administrator added show as they are in Dataverse.
     * @param {FetchLike} fetchImpl
     * @param {string} clientUrl
     * @param {string} choiceName
     * @returns {Promise<ChoiceOption[]>}
     */
    function loadChoice(fetchImpl, clientUrl, choiceName) {
        return fetchImpl(choiceUrl(clientUrl, choiceName), {
            headers: { "Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
            credentials: "same-origin"
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("the choice " + choiceName + " could not be read (HTTP " + response.status + ")");
            }

            return response.json();
        }).then(function (definition) {
            return (definition.Options || []).map(function (/** @type {any} */ option) {
                var label = option.Label && option.Label.UserLocalizedLabel ? option.Label.UserLocalizedLabel.Label : String(option.Value);
                return { value: option.Value, label: label };
            });
        });
    }

    /**
     * @param {Answers | null | undefined} answers
     * @param {string} name
     */
    function isBlank(answers, name) {
        var value = answers ? answers[name] : undefined;
        return value === undefined || value === null || String(value).trim() === "";
    }

    /**
     * What the rep must fill in before sending: the reason, then every field the reason's policy requires (as the
     * function answered), in the order of the form.
     * @param {Answers} answers
     * @param {ReasonRequirement[]} requirements
     * @returns {FieldError[]}
     */
    function validate(answers, requirements) {
        if (isBlank(answers, "Reason")) {
            return [{ name: "Reason", message: /** @type {string} */ ((parameter("Reason") || {}).missing) }];
        }

        var requirement = requirementFor(requirements, answers.Reason);
        if (!requirement) {
            return [{ name: "Reason", message: "Choose one of the reasons in the list." }];
        }

        return PARAMETERS.filter(function (p) {
            return requirement !== null && requirement.requires.indexOf(p.name) >= 0 && isBlank(answers, p.name);
        }).map(function (p) {
            return { name: p.name, message: p.missing || "Fill this in." };
        });
    }

    /**
     * @param {ReasonRequirement[]} requirements
     * @param {unknown} reason
     */
    function requirementFor(requirements, reason) {
        for (var i = 0; i < requirements.length; i++) {
            if (requirements[i].reason === Number(reason)) {
                return requirements[i];
            }
        }

        return null;
    }

    /**
     * @param {Parameter} p
     * @param {unknown} value
     * @returns {string | number | undefined}
     */
    function toParameterValue(p, value) {
        if (value === undefined || value === null || value === "") {
            return undefined;
        }

        if (p.typeName === "Edm.Int32") {
            var number = Number(value);
            if (!isFinite(number) || Math.floor(number) !== number) {
                throw new Error(p.name + " must be a whole number; got '" + value + "'.");
            }

            return number;
        }

        var text = String(value).trim();
        return text === "" ? undefined : text;
    }

    /**
     * The request object Xrm.WebApi.online.execute takes for the bound action lr_ReturnToNurture: the bound
     * opportunity as "entity", one property per answered parameter, and getMetadata describing them.
     * @param {string} opportunityId
     * @param {Answers} answers
     */
    function buildRequest(opportunityId, answers) {
        var id = trimBraces(opportunityId);
        if (!isGuid(id)) {
            throw new Error("Return to Nurture needs the opportunity's id; got '" + opportunityId + "'.");
        }

        /** @type {Object<string, unknown>} */
        var request = { entity: { entityType: "opportunity", id: id } };
        /** @type {Object<string, { typeName: string, structuralProperty: number }>} */
        var parameterTypes = { entity: { typeName: "mscrm.opportunity", structuralProperty: STRUCTURAL_ENTITY } };
        PARAMETERS.forEach(function (p) {
            var value = toParameterValue(p, answers ? answers[p.name] : undefined);
            if (value !== undefined) {
                request[p.name] = value;
                parameterTypes[p.name] = { typeName: p.typeName, structuralProperty: STRUCTURAL_PRIMITIVE };
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
     * plug-in's own refusal, or says that Dynamics 365 did not answer.
     * @param {Xrm.XrmStatic} xrm
     * @param {string} opportunityId
     * @param {Answers} answers
     * @returns {Promise<string | null>}
     */
    function submit(xrm, opportunityId, answers) {
        if (isBlank(answers, "Reason")) {
            return Promise.reject(new Error("Choose a reason for returning this deal to nurture."));
        }

        var request;
        try {
            request = buildRequest(opportunityId, answers);
        } catch (error) {
            return Promise.reject(error);
        }

        return Promise.resolve(xrm.WebApi.online.execute(request)).then(function (response) {
            if (!response.ok) {
                throw new Error("Dynamics 365 did not answer as expected (HTTP " + response.status + "). Try again in a moment.");
            }

            return response.json();
        }, function (/** @type {{ message?: string } | undefined} */ error) {
            throw new Error(error && error.message ? error.message : "Dynamics 365 did not answer. Check your connection and try again.");
        }).then(function (body) {
            var lead = body && body.RecycledLead;
            return lead ? trimBraces(lead.lr_recycledleadid || lead.id || "") : null;
        });
    }

    /**
     * The fields a refusal names, found by the labels the dialog shows (the close form's labels, which the plug-in's
     * messages use too), in the order of the form.
     * @param {string} message
     * @param {Object<string, string>} labels
     * @returns {FieldError[]}
     */
    function fieldsNamedIn(message, labels) {
        return PARAMETERS.filter(function (p) {
            var label = labels[p.name];
            return p.name !== "Reason" && !!label && message.indexOf(label) >= 0;
        }).map(function (p) {
            return { name: p.name, message: p.missing || "Fill this in." };
        });
    }

    /** @param {number} count */
    function summaryFor(count) {
        return count === 1
            ? "Fill in 1 field before you return this deal to nurture:"
            : "Fill in " + count + " fields before you return this deal to nurture:";
    }

    /**
     * The dialog's behaviour, apart from the page: start() loads the requirements and the choices; reasonChanged()
     * marks what the picked reason requires; send() checks, calls the API and shows the confirmation, or shows what
     * to fix and stays open. Every state ends with something the rep can read and do: never an inert form.
     * @param {DialogOptions} options
     */
    function createDialogController(options) {
        var xrm = options.xrm || null;
        var view = options.view;
        var slowAfterMs = options.slowAfterMs === undefined ? SLOW_AFTER_MS : options.slowAfterMs;
        var opportunityId = opportunityIdFromSearch(options.search);
        /** @type {ReasonRequirement[]} */
        var requirements = [];
        var ready = false;
        var sending = false;
        var errorsShown = false;

        /**
         * Runs work and, while it is still running after slowAfterMs, tells the rep so.
         * @template T
         * @param {() => Promise<T>} work
         * @param {string} slowText
         * @returns {Promise<T>}
         */
        function watched(work, slowText) {
            var timer = setTimeout(function () { view.showNotice(slowText, "info"); }, slowAfterMs);
            return work().then(function (result) {
                clearTimeout(timer);
                return result;
            }, function (error) {
                clearTimeout(timer);
                throw error;
            });
        }

        /** @returns {Promise<boolean>} */
        function start() {
            if (!xrm || !xrm.WebApi || !xrm.Utility) {
                view.setBusy(true);
                view.showNotice("This dialog works inside Dynamics 365 only. Open the opportunity and select Return to Nurture on its command bar.", "error");
                return Promise.resolve(false);
            }

            if (!opportunityId) {
                view.setBusy(true);
                view.showNotice("This dialog did not receive the deal to return. Close it, then select Return to Nurture on the opportunity again.", "error");
                return Promise.resolve(false);
            }

            var host = xrm;
            view.setBusy(true);
            view.showNotice("Loading the reasons and what each one needs…", "info");
            var clientUrl = host.Utility.getGlobalContext().getClientUrl();
            /** @type {Object<string, ChoiceOption[]>} */
            var choices = {};
            var withChoice = PARAMETERS.filter(function (p) { return !!p.choice; });
            return watched(function () {
                return Promise.all([loadRequirements(host)].concat(withChoice.map(function (p) {
                    return loadChoice(options.fetch, clientUrl, /** @type {string} */ (p.choice)).then(function (items) {
                        choices[p.name] = items;
                        return [];
                    });
                })));
            }, "Still loading: Dynamics 365 is taking longer than usual to answer. Keep this dialog open, or close it and try again later.")
                .then(function (results) {
                    requirements = results[0];
                    withChoice.forEach(function (p) {
                        var items = choices[p.name];
                        if (p.name === "Reason") {
                            // Only the reasons a rep may choose: the ones the function answered for, in the choice's order.
                            items = items.filter(function (item) { return requirementFor(requirements, item.value) !== null; });
                        }

                        view.fillChoice(p.name, items);
                    });
                    ready = true;
                    view.clearNotice();
                    view.setBusy(false);
                    return true;
                }, function (/** @type {{ message?: string }} */ error) {
                    view.showNotice("The reasons and the checklist could not be loaded (" + (error && error.message ? error.message : "no answer") +
                        "). Check your connection, then try again.", "error", function () { start(); });
                    return false;
                });
        }

        function reasonChanged() {
            var answers = view.readAnswers();
            var requirement = isBlank(answers, "Reason") ? null : requirementFor(requirements, answers.Reason);
            if (!requirement) {
                view.markRequired(["Reason"], "");
            } else {
                var label = reasonLabel(answers.Reason);
                var note = requirement.removesFromWaterfall
                    ? "“" + label + "” removes the prospect from the waterfall: marketing will not nurture it. The deal closes as lost and its Recycled Lead is recorded as removed from the waterfall."
                    : "Marketing nurtures the prospect" + (requirement.stream ? " in the “" + requirement.stream + "” stream" : "") + ". Fields marked * are what this reason needs.";
                view.markRequired(["Reason"].concat(requirement.requires), note);
            }

            if (errorsShown) {
                showProblems(validate(answers, requirements));
            }
        }

        /** @param {unknown} value */
        function reasonLabel(value) {
            var labels = view.readAnswers();
            return labels.ReasonLabel || String(value);
        }

        /** @param {FieldError[]} problems */
        function showProblems(problems) {
            if (problems.length === 0) {
                errorsShown = false;
                view.clearErrors();
                return;
            }

            errorsShown = true;
            view.showErrors(summaryFor(problems.length), problems);
        }

        /** @returns {Promise<string | null>} */
        function send() {
            if (!ready || sending || !xrm || !opportunityId) {
                return Promise.resolve(null);
            }

            var host = xrm;
            var id = opportunityId;
            var answers = view.readAnswers();
            var problems = validate(answers, requirements);
            if (problems.length > 0) {
                showProblems(problems);
                return Promise.resolve(null);
            }

            sending = true;
            errorsShown = false;
            view.clearErrors();
            view.setBusy(true, true);
            var requirement = requirementFor(requirements, answers.Reason);
            return watched(function () { return submit(host, id, answers); },
                "Still sending: Dynamics 365 is taking longer than usual. Keep this dialog open until it answers.")
                .then(function (recycledLeadId) {
                    sending = false;
                    view.clearNotice();
                    view.showConfirmation("The deal is returned to nurture",
                        (requirement && requirement.removesFromWaterfall
                            ? "The deal is closed as lost and the prospect is removed from the waterfall."
                            : "The deal is closed as lost and marketing has it as a Recycled Lead to nurture.") +
                        " Close this dialog with the close button (×) at its top right to see the closed deal.");
                    return recycledLeadId;
                }, function (/** @type {Error} */ error) {
                    sending = false;
                    view.clearNotice();
                    view.setBusy(false);
                    var named = fieldsNamedIn(error.message, view.fieldLabels());
                    if (named.length > 0) {
                        errorsShown = true;
                        view.showErrors(summaryFor(named.length), named);
                    } else {
                        view.showErrors("The deal was not returned to nurture. " + error.message, []);
                    }

                    return null;
                });
        }

        /** @type {DialogController} */
        var controller = { opportunityId: opportunityId, start: start, reasonChanged: reasonChanged, send: send };
        return controller;
    }

    return {
        operationName: OPERATION_NAME,
        requirementsFunction: REQUIREMENTS_FUNCTION,
        dialogWebResource: DIALOG_WEB_RESOURCE,
        parameters: PARAMETERS.map(function (p) { return { name: p.name, typeName: p.typeName, required: !!p.required, choice: p.choice || null }; }),
        isEnabled: isEnabled,
        open: open,
        dialogData: dialogData,
        opportunityIdFromSearch: opportunityIdFromSearch,
        parseRequirements: parseRequirements,
        loadRequirements: loadRequirements,
        validate: validate,
        buildRequest: buildRequest,
        submit: submit,
        choiceUrl: choiceUrl,
        loadChoice: loadChoice,
        fieldsNamedIn: fieldsNamedIn,
        fields: PARAMETERS.filter(function (p) { return !!p.missing; }).map(function (p) { return p.name; }),
        createDialogController: createDialogController
    };
}));
