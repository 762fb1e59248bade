// The Return to Nurture dialog end to end in headless Chromium (Debian's /usr/bin/chromium, driven by puppeteer-core: no
// browser download), as a rep meets it on a laptop: the page served unmodified under /WebResources/ in an iframe of a
// fake Unified Interface host the size navigateTo gives it (560 px wide, 85% of the window high, under a title bar with
// the platform's close button), at 1366x768 and 1024x600. Open, pick a reason, see the marks, send with a field
// missing, see the errors, send complete, see the confirmation; then no host, and a failed Custom API call.
// Screenshots are written to --out and checked: the size asked, not blank, the send button inside the window.
//
// Usage: node Tests/WebResources/ReturnToNurtureDialog.browser.mjs --fixture <file.json> [--out folder] [--chromium path]
// The fixture ({ requirements, choices }) is written by Tests/Solution/ReturnToNurtureDialogBrowserTests.cs from the real
// lr_GetReturnToNurtureRequirements answer and the solution's choice labels; that test runs this script in dotnet test.
import { createServer } from "node:http";
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname, resolve, normalize, extname } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const webResources = resolve(here, "..", "..", "Solution", "src", "WebResources");
const argument = (name, fallback) => {
    const at = process.argv.indexOf("--" + name);
    return at > 0 ? process.argv[at + 1] : fallback;
};
const fixture = JSON.parse(readFileSync(argument("fixture") ?? fail("--fixture <file.json> is required"), "utf8"));
const out = resolve(argument("out", "dialog-screenshots"));
const chromium = argument("chromium", process.env.CHROMIUM || "/usr/bin/chromium");
const DEAL = "6b29fc40-ca47-1067-b31d-00dd010662da";
const checks = [];

function fail(message) {
    console.error("FAIL " + message);
    process.exit(1);
}

function check(condition, message) {
    checks.push(message);
    if (!condition) {
        throw new Error(message);
    }
}

// The fake host: Xrm.WebApi.online.execute answers the function with the fixture's requirements and the action with a
// recycled lead (the plug-in's own checks are tested in C#); ?fail=requirements makes the function fail as a 500 would.
function hostPage(query) {
    const failRequirements = query.get("fail") === "requirements";
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Opportunity: Fleet renewal</title><style>
body { margin: 0; font-family: "Segoe UI", sans-serif; background: #faf9f8; }
.form { padding: 24px; color: #605e5c; } .scrim { position: fixed; inset: 0; background: rgba(0,0,0,.4); }
.dialog { position: fixed; left: 50%; top: 50%; transform: translate(-50%, -50%); width: 560px; height: 85vh; background: #fff;
  display: flex; flex-direction: column; box-shadow: 0 8px 32px rgba(0,0,0,.3); border-radius: 4px; }
.title { flex: none; height: 48px; display: flex; align-items: center; justify-content: space-between; padding: 0 8px 0 20px; font-weight: 600; font-size: 18px; }
.title button { border: 0; background: none; font-size: 18px; width: 32px; height: 32px; }
iframe { flex: 1 1 auto; border: 0; width: 100%; }
</style></head><body><div class="form">Opportunity form (host)</div><div class="scrim"></div>
<div class="dialog" role="dialog" aria-label="Return to Nurture"><div class="title">Return to Nurture<button id="platform-close" aria-label="Close">&#x2715;</button></div>
<iframe id="dialog" title="Return to Nurture" src="/WebResources/lr_/pages/ReturnToNurture.html?data=${encodeURIComponent("id=" + DEAL)}"></iframe></div>
<script>
window.calls = [];
const answer = (body) => Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(body) });
window.Xrm = {
  Utility: { getGlobalContext: () => ({ getClientUrl: () => location.origin }) },
  WebApi: { online: { execute: (request) => {
    const metadata = request.getMetadata();
    const sent = {}; Object.keys(request).filter((k) => k !== "getMetadata").forEach((k) => { sent[k] = request[k]; });
    window.calls.push({ operation: metadata.operationName, operationType: metadata.operationType, sent });
    if (metadata.operationName === "lr_GetReturnToNurtureRequirements") {
      return ${failRequirements} ? Promise.reject({ message: "HTTP 500" }) : answer({ Requirements: ${JSON.stringify(fixture.requirements)} });
    }
    return new Promise((resolve) => setTimeout(resolve, 150)).then(() => answer({ RecycledLead: { lr_recycledleadid: "0f8fad5b-d9cb-469f-a165-70867728950e" } }));
  } } },
};
</script></body></html>`;
}

function serve(request, response) {
    const url = new URL(request.url, "http://localhost");
    const send = (status, type, body) => { response.writeHead(status, { "Content-Type": type }); response.end(body); };
    if (url.pathname === "/main.aspx") {
        return send(200, "text/html; charset=utf-8", hostPage(url.searchParams));
    }

    const choice = /^\/api\/data\/v9\.2\/GlobalOptionSetDefinitions\(Name='([^']+)'\)$/.exec(decodeURIComponent(url.pathname));
    if (choice) {
        const options = fixture.choices[choice[1]];
        return options
            ? send(200, "application/json", JSON.stringify({ Name: choice[1], Options: options.map(([value, label]) => ({ Value: value, Label: { UserLocalizedLabel: { Label: label } } })) }))
            : send(404, "application/json", "{}");
    }

    if (url.pathname.startsWith("/WebResources/")) {
        const file = normalize(join(webResources, decodeURIComponent(url.pathname.slice("/WebResources/".length))));
        if (file.startsWith(webResources) && existsSync(file)) {
            const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml" };
            return send(200, types[extname(file)] || "application/octet-stream", readFileSync(file));
        }
    }

    return send(404, "text/plain", "not found");
}

// A screenshot checked by Chromium itself (decoded on a canvas): the size asked and more than a handful of colours.
async function screenshot(browser, page, name, size) {
    const file = join(out, `${size.width}x${size.height}-${name}.png`);
    const png = await page.screenshot({ path: file });
    const probe = await browser.newPage();
    const seen = await probe.evaluate(async (base64) => {
        const image = new Image();
        image.src = "data:image/png;base64," + base64;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, image.width, image.height).data;
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return { width: image.width, height: image.height, colours: colours.size };
    }, Buffer.from(png).toString("base64"));
    await probe.close();
    check(seen.width === size.width && seen.height === size.height, `${name} at ${size.width}x${size.height}: the screenshot is the window's size (${seen.width}x${seen.height})`);
    check(seen.colours > 20, `${name} at ${size.width}x${size.height}: the screenshot is not blank (${seen.colours} colours)`);
    console.log("screenshot " + file);
}

async function inViewport(page, frame, selector, size, what) {
    const box = await (await frame.$(selector)).boundingBox();
    const dialogBox = await (await page.$("#dialog")).boundingBox();
    check(box !== null, `${what}: ${selector} is shown`);
    check(box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
        `${what}: ${selector} lies inside the ${size.width}x${size.height} window (${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)})`);
    check(box.y + box.height <= dialogBox.y + dialogBox.height && box.y >= dialogBox.y, `${what}: ${selector} lies inside the dialog, without scrolling`);
}

async function dialogFrame(page) {
    const handle = await page.waitForSelector("#dialog");
    return handle.contentFrame();
}

async function walkThrough(browser, origin, size) {
    const page = await browser.newPage();
    await page.setViewport(size);
    await page.goto(origin + "/main.aspx", { waitUntil: "load" });
    const frame = await dialogFrame(page);
    await frame.waitForFunction(() => document.getElementById("Reason").options.length > 1 && !document.getElementById("send").disabled);
    const what = `${size.width}x${size.height}`;

    // Open: only the reason is marked; the buttons are in view.
    const openState = await frame.evaluate(() => ({
        reasons: Array.from(document.getElementById("Reason").options).map((o) => o.textContent),
        marked: Array.from(document.querySelectorAll("label .required")).filter((m) => !m.hidden).map((m) => m.closest("label").htmlFor),
    }));
    check(!openState.reasons.includes("Stalled in stage"), `${what}: the stall scan's own reason is not offered`);
    check(openState.marked.join() === "Reason", `${what}: on opening only the reason is marked (${openState.marked})`);
    await inViewport(page, frame, "#send", size, what + " open");
    await screenshot(browser, page, "1-open", size);

    // A removal reason says what will happen.
    await frame.select("#Reason", String(fixture.removalReason));
    const removal = await frame.$eval("#Reason-note", (n) => n.textContent);
    check(/removes the prospect from the waterfall: marketing will not nurture it/.test(removal), `${what}: a removal reason says what will happen`);

    // Pick a nurture reason: its fields are marked, from the function's answer.
    await frame.select("#Reason", String(fixture.nurtureReason.reason));
    const marks = await frame.evaluate(() => ({
        marked: Array.from(document.querySelectorAll("label .required")).filter((m) => !m.hidden).map((m) => m.closest("label").htmlFor),
        ariaRequired: Array.from(document.querySelectorAll("[aria-required='true']")).map((e) => e.id),
        note: document.getElementById("Reason-note").textContent,
    }));
    const expected = ["Reason", ...fixture.nurtureReason.requires].join();
    check(marks.marked.join() === expected, `${what}: picking the reason marks ${expected} (${marks.marked})`);
    check(marks.ariaRequired.join() === expected, `${what}: the marked fields are aria-required`);
    check(/Marketing nurtures the prospect/.test(marks.note), `${what}: the reason says marketing nurtures`);
    await screenshot(browser, page, "2-marks", size);

    // Send with fields missing: summary at the top, each field marked with its message, focus on the first.
    await frame.type("#Background", "Left three voicemails since the budget review.");
    await frame.click("#send");
    const errors = await frame.evaluate(() => ({
        summaryShown: !document.getElementById("summary").hidden,
        summary: document.getElementById("summary-text").textContent,
        items: Array.from(document.querySelectorAll("#summary-list li")).map((li) => li.textContent),
        invalid: Array.from(document.querySelectorAll("[aria-invalid='true']")).map((e) => e.id),
        describedBy: Array.from(document.querySelectorAll("[aria-invalid='true']")).map((e) => e.getAttribute("aria-describedby")),
        focused: document.activeElement ? document.activeElement.id : null,
        messages: Array.from(document.querySelectorAll(".error")).filter((e) => !e.hidden).map((e) => e.textContent),
    }));
    const missing = fixture.nurtureReason.requires.filter((name) => name !== "Background");
    check(errors.summaryShown && /^Fill in \d+ fields? before you return this deal to nurture:$/.test(errors.summary), `${what}: a summary at the top (${errors.summary})`);
    check(errors.invalid.join() === missing.join(), `${what}: the missing fields are aria-invalid (${errors.invalid})`);
    check(errors.describedBy.every((d, i) => d && d.split(" ").includes(missing[i] + "-error")), `${what}: each message is the field's aria-describedby`);
    check(errors.focused === missing[0], `${what}: focus is on the first missing field (${errors.focused})`);
    check(errors.messages.length === missing.length && errors.messages.every((m) => !/close the opportunity/i.test(m)), `${what}: each field has its own message in the rep's words`);
    await inViewport(page, frame, "#summary", size, what + " errors");
    await inViewport(page, frame, "#send", size, what + " errors");
    await screenshot(browser, page, "3-errors", size);

    // Complete it and send: the confirmation, and how to close.
    for (const name of missing) {
        const tag = await frame.$eval("#" + name, (e) => e.tagName);
        if (tag === "SELECT") {
            await frame.evaluate((id) => { const s = document.getElementById(id); s.selectedIndex = 1; s.dispatchEvent(new Event("change", { bubbles: true })); }, name);
        } else {
            await frame.type("#" + name, "Noted on the last call.");
        }
    }

    await frame.click("#send");
    await frame.waitForSelector("#done:not([hidden])");
    const done = await frame.evaluate(() => ({ title: document.getElementById("done-title").textContent, text: document.getElementById("done-text").textContent, focused: document.activeElement.id }));
    const calls = await page.evaluate(() => window.calls);
    const action = calls.find((c) => c.operation === "lr_ReturnToNurture");
    check(calls[0].operation === "lr_GetReturnToNurtureRequirements" && calls[0].operationType === 1, `${what}: the requirements came from the Custom API function`);
    check(action && action.sent.Reason === fixture.nurtureReason.reason && typeof action.sent.Background === "string", `${what}: the action was sent with the reason and checklist`);
    check(/closed as lost/.test(done.text) && /close button \(×\)/.test(done.text) && done.focused === "done", `${what}: the confirmation says what happened and how to close (${done.text})`);
    await inViewport(page, frame, "#done", size, what + " confirmation");
    await screenshot(browser, page, "4-confirmation", size);
    await page.close();
}

async function robustness(browser, origin, size) {
    const alone = await browser.newPage();
    await alone.setViewport(size);
    await alone.goto(origin + "/WebResources/lr_/pages/ReturnToNurture.html", { waitUntil: "load" });
    await alone.waitForSelector("#notice:not([hidden])");
    const noHost = await alone.$eval("#notice-text", (n) => n.textContent);
    check(/works inside Dynamics 365 only/.test(noHost), "no host: the page says where it works (" + noHost + ")");
    await screenshot(browser, alone, "5-no-host", size);
    await alone.close();

    const page = await browser.newPage();
    await page.setViewport(size);
    await page.goto(origin + "/main.aspx?fail=requirements", { waitUntil: "load" });
    const frame = await dialogFrame(page);
    await frame.waitForSelector("#retry:not([hidden])");
    const failed = await frame.$eval("#notice-text", (n) => n.textContent);
    check(/could not be loaded \(HTTP 500\)\. Check your connection, then try again\./.test(failed), "failed Custom API call: the rep is told and can try again (" + failed + ")");
    await inViewport(page, frame, "#retry", size, "failed call");
    await screenshot(browser, page, "6-failed-call", size);
    await page.close();
}

mkdirSync(out, { recursive: true });
const server = createServer(serve);
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const origin = `http://127.0.0.1:${server.address().port}`;
if (!existsSync(chromium)) {
    fail(`Chromium not found at ${chromium} (Debian: apt-get install -y chromium; CHROMIUM or --chromium to override)`);
}

const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"],
});
let status = 0;
try {
    for (const size of [{ width: 1366, height: 768 }, { width: 1024, height: 600 }]) {
        await walkThrough(browser, origin, size);
    }

    await robustness(browser, origin, { width: 1024, height: 600 });
    writeFileSync(join(out, "checks.txt"), checks.join("\n") + "\n");
    console.log(`PASS ${checks.length} checks`);
} catch (error) {
    console.error("FAIL " + (error && error.stack ? error.stack : error));
    status = 1;
} finally {
    await browser.close();
    server.close();
}

process.exit(status);
