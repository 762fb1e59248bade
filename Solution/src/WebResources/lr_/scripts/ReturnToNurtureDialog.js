// @ts-check
/*
 * LeadRecycle: the Return to Nurture dialog page's view over its own DOM (lr_/pages/ReturnToNurture.html), and the
 * wiring of its events to the dialog's behaviour in ReturnToNurture.js (LeadRecycle.ReturnToNurture, loaded first).
 * This script runs only inside that page, never on a form: the page's DOM is the page's own, which is why the
 * solution checker rule avoid-dom-form (about the DOM a model-driven app manages) is turned off for this file alone
 * in eslint.config.mjs. Typed against @types/xrm and checked with `npm run typecheck`; tested in headless Chromium
 * (Tests/WebResources/ReturnToNurtureDialog.browser.mjs).
 */
(function (root) {
    "use strict";

    /**
     * @typedef {import("./ReturnToNurture.js").DialogView} DialogView
     * @typedef {import("./ReturnToNurture.js").DialogOptions} DialogOptions
     * @typedef {import("./ReturnToNurture.js").DialogController} DialogController
     * @typedef {import("./ReturnToNurture.js").Answers} Answers
     * @typedef {import("./ReturnToNurture.js").FetchLike} FetchLike
     * @typedef {{ fields: string[], createDialogController: (options: DialogOptions) => DialogController }} ReturnToNurtureScript
     */

    var host = /** @type {{ LeadRecycle?: { ReturnToNurture?: ReturnToNurtureScript, ReturnToNurtureDialog?: unknown } }} */ (root);
    var rtn = /** @type {ReturnToNurtureScript} */ ((host.LeadRecycle || {}).ReturnToNurture);

    /**
     * The dialog page's view over its DOM, and the wiring of its events. The page calls this once its markup is in place.
     * @param {Window} win
     */
    function mount(win) {
        var doc = win.document;
        /** @param {string} id */
        function byId(id) {
            var element = doc.getElementById(id);
            if (!element) {
                throw new Error("The dialog page has no element #" + id + ".");
            }

            return element;
        }

        var form = /** @type {HTMLFormElement} */ (byId("rtn"));
        var send = /** @type {HTMLButtonElement} */ (byId("send"));
        var notice = byId("notice");
        var noticeText = byId("notice-text");
        var retry = /** @type {HTMLButtonElement} */ (byId("retry"));
        var summary = byId("summary");
        var summaryText = byId("summary-text");
        var summaryList = byId("summary-list");
        var fields = rtn.fields;
        /** @type {(() => void) | null} */
        var retryAction = null;

        /** @param {string} name */
        function control(name) {
            return /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (byId(name));
        }

        /** @param {string} name */
        function labelText(name) {
            var label = doc.querySelector("label[for='" + name + "'] .text");
            return label && label.textContent ? label.textContent.trim() : name;
        }

        /** @param {string} name */
        function describe(name) {
            var ids = [name + "-note", name + "-error"].filter(function (id) {
                var element = doc.getElementById(id);
                return !!element && !element.hidden && !!element.textContent;
            });
            if (ids.length > 0) {
                control(name).setAttribute("aria-describedby", ids.join(" "));
            } else {
                control(name).removeAttribute("aria-describedby");
            }
        }

        /**
         * @param {string} name
         * @param {string} message
         */
        function setFieldError(name, message) {
            var error = doc.getElementById(name + "-error");
            if (error) {
                error.textContent = message;
                error.hidden = !message;
            }

            var field = control(name);
            if (message) {
                field.setAttribute("aria-invalid", "true");
            } else {
                field.removeAttribute("aria-invalid");
            }

            describe(name);
        }

        /** @type {DialogView} */
        var view = {
            fillChoice: function (name, items) {
                var select = /** @type {HTMLSelectElement} */ (control(name));
                while (select.options && select.options.length > 1) {
                    select.remove(1);
                }

                items.forEach(function (item) {
                    var option = doc.createElement("option");
                    option.value = String(item.value);
                    option.textContent = item.label;
                    select.appendChild(option);
                });
            },
            readAnswers: function () {
                /** @type {Answers} */
                var answers = {};
                fields.forEach(function (name) { answers[name] = control(name).value; });
                var reason = /** @type {HTMLSelectElement} */ (control("Reason"));
                var picked = reason.selectedIndex > 0 ? reason.options[reason.selectedIndex] : null;
                answers.ReasonLabel = picked && picked.textContent ? picked.textContent : "";
                return answers;
            },
            fieldLabels: function () {
                /** @type {Object<string, string>} */
                var labels = {};
                fields.forEach(function (name) { labels[name] = labelText(name); });
                return labels;
            },
            showNotice: function (text, kind, retryWith) {
                noticeText.textContent = text;
                notice.className = "notice " + kind;
                notice.setAttribute("role", kind === "error" ? "alert" : "status");
                notice.hidden = false;
                retryAction = retryWith || null;
                retry.hidden = !retryWith;
                retry.disabled = false;
            },
            clearNotice: function () {
                notice.hidden = true;
                noticeText.textContent = "";
                retry.hidden = true;
                retryAction = null;
            },
            markRequired: function (required, note) {
                fields.forEach(function (name) {
                    var isRequired = required.indexOf(name) >= 0;
                    var marker = doc.querySelector("label[for='" + name + "'] .required");
                    if (marker) {
                        /** @type {HTMLElement} */ (marker).hidden = !isRequired;
                    }

                    if (isRequired) {
                        control(name).setAttribute("aria-required", "true");
                    } else {
                        control(name).removeAttribute("aria-required");
                    }
                });
                var reasonNote = byId("Reason-note");
                reasonNote.textContent = note;
                reasonNote.hidden = !note;
                describe("Reason");
            },
            showErrors: function (text, errors) {
                fields.forEach(function (name) { setFieldError(name, ""); });
                summaryText.textContent = text;
                summaryList.textContent = "";
                errors.forEach(function (error) {
                    setFieldError(error.name, error.message);
                    var item = doc.createElement("li");
                    var link = doc.createElement("a");
                    link.href = "#" + error.name;
                    link.textContent = labelText(error.name);
                    link.addEventListener("click", function (event) {
                        event.preventDefault();
                        control(error.name).focus();
                    });
                    item.appendChild(link);
                    summaryList.appendChild(item);
                });
                summaryList.hidden = errors.length === 0;
                summary.hidden = false;
                if (errors.length > 0) {
                    var first = control(errors[0].name);
                    first.focus();
                    if (first.scrollIntoView) {
                        first.scrollIntoView({ block: "center" });
                    }
                } else {
                    summary.focus();
                }
            },
            clearErrors: function () {
                fields.forEach(function (name) { setFieldError(name, ""); });
                summary.hidden = true;
                summaryText.textContent = "";
                summaryList.textContent = "";
            },
            setBusy: function (busy, sending) {
                Array.prototype.forEach.call(form.elements, function (/** @type {HTMLButtonElement} */ element) { element.disabled = busy; });
                send.disabled = busy;
                send.textContent = sending ? "Sending…" : "Return to Nurture";
                form.setAttribute("aria-busy", busy ? "true" : "false");
            },
            showConfirmation: function (title, text) {
                form.hidden = true;
                byId("footer").hidden = true;
                summary.hidden = true;
                byId("done-title").textContent = title;
                byId("done-text").textContent = text;
                var done = byId("done");
                done.hidden = false;
                done.focus();
            }
        };

        var controller = rtn.createDialogController({
            xrm: hostXrm(win),
            fetch: /** @type {FetchLike} */ (/** @type {unknown} */ (win.fetch.bind(win))),
            search: win.location.search,
            view: view
        });
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            controller.send();
        });
        control("Reason").addEventListener("change", function () { controller.reasonChanged(); });
        retry.addEventListener("click", function () {
            if (retryAction) {
                retry.disabled = true;
                retryAction();
            }
        });
        view.markRequired(["Reason"], "");
        return controller.start();
    }

    /**
     * The Xrm of the model-driven app hosting the dialog: navigateTo shows a web resource in an iframe of the app's
     * page, same origin. Missing (or not reachable) when the page is opened on its own.
     * @param {Window} win
     * @returns {Xrm.XrmStatic | null}
     */
    function hostXrm(win) {
        try {
            var parent = /** @type {{ Xrm?: Xrm.XrmStatic }} */ (/** @type {unknown} */ (win.parent));
            return parent && parent !== /** @type {unknown} */ (win) && parent.Xrm ? parent.Xrm : null;
        } catch (error) {
            return null;
        }
    }

    host.LeadRecycle = host.LeadRecycle || {};
    host.LeadRecycle.ReturnToNurtureDialog = { mount: mount, hostXrm: hostXrm };
}(typeof self !== "undefined" ? self : this));
