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
];
