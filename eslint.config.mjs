// ESLint over the web resources with Microsoft's solution checker rules for web resources
// (@microsoft/eslint-plugin-power-apps, the rules the Power Apps checker runs; each links to its Microsoft Learn page).
// The plug-in ships no "recommended" configuration, only "paCheckerHosted", which leaves out some rules the checker
// reports (web-avoid-ui-refreshribbon among them), so every rule it exports is turned on as an error here.
import powerApps from "@microsoft/eslint-plugin-power-apps";

const everyRule = Object.fromEntries(Object.keys(powerApps.rules).map((name) => ["@microsoft/power-apps/" + name, "error"]));

export default [
    {
        files: ["Solution/src/WebResources/**/*.js"],
        plugins: { "@microsoft/power-apps": powerApps },
        languageOptions: {
            // Classic scripts that the browser loads (and Node.js loads for their tests): not ES modules.
            sourceType: "script",
            ecmaVersion: 2015,
            globals: { Xrm: "readonly", module: "writable", self: "readonly", window: "readonly", Promise: "readonly" },
        },
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: everyRule,
    },
    {
        // The dialog page's view works on the page's own DOM, which the page owns: avoid-dom-form is about the DOM a
        // model-driven app manages (forms), and this script is loaded by lr_/pages/ReturnToNurture.html alone, never by a
        // form or the command bar (a C# test checks that the ribbon loads only ReturnToNurture.js).
        files: ["Solution/src/WebResources/lr_/scripts/ReturnToNurtureDialog.js"],
        languageOptions: { globals: { document: "readonly" } },
        rules: { "@microsoft/power-apps/avoid-dom-form": "off" },
    },
];
