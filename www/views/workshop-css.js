// The presenter view's styles (views/workshop.js), adopted into the shadow root when it
// first opens: sized for a 1920×1080 projector, in px (never rem: README, "Embedding").
export const CSS = `
dialog.ws {
  width: 100vw; max-width: 100vw; height: 100vh; max-height: 100vh; margin: 0; padding: 20px 32px 28px;
  border: 0; background: #fff; color: var(--ink); font-size: 20px; line-height: 1.5; overflow: auto;
}
/* the header, then the panel in the rest of the screen: the controls scroll, the reset stays in view */
dialog.ws[open] { display: grid; grid-template-rows: auto minmax(0, 1fr); }
.ws-poolp { min-height: 0; overflow: auto; }
dialog.ws::backdrop { background: rgba(15, 23, 32, .6); }
.ws-head { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; padding-bottom: 14px; border-bottom: 2px solid var(--line); margin-bottom: 18px; }
.ws-titles { flex: 1 1 420px; min-width: 0; }
.ws-titles .eyebrow { font-size: 18px; }
.ws-titles h2 { font-size: 32px; line-height: 1.25; }
.ws-tabs { display: flex; gap: 8px; }
dialog.ws .btn { min-height: 52px; font-size: 20px; padding: 8px 20px; }
.ws-tab[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 700; }
.ws-pathf { display: flex; align-items: center; gap: 10px; }
dialog.ws select, dialog.ws input[type="number"] { min-height: 52px; font-size: 20px; padding: 4px 10px; border: 1px solid #8795a6; border-radius: 6px; background: #fff; }
.ws-present { display: grid; grid-template-columns: minmax(0, 1fr) 620px; gap: 28px; align-items: start; min-height: 0; height: 100%; }
.ws-main { display: grid; gap: 18px; min-width: 0; }
.ws-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 16px; }
.ws-card { border: 2px solid var(--line); border-radius: 10px; padding: 14px 20px; background: var(--soft); }
.ws-card.ms { background: #fff; border-color: var(--accent); }
.ws-label { font-size: 22px; font-weight: 700; }
.ws-big { font-size: 64px; font-weight: 800; line-height: 1.1; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ws-unit { font-size: 22px; font-weight: 600; margin-left: 6px; color: var(--muted); }
.ws-sub, .ws-target, .ws-gap, .ws-was { font-size: 18px; color: var(--muted); }
.ws-was { color: var(--ink); font-weight: 600; }
.ws-chart svg .grid text { font-size: 13px; }
.ws-side { display: flex; flex-direction: column; gap: 14px; min-height: 0; height: 100%; }
.ws-edit > .hint { font-size: 15px; }
.ws-qrsec { display: grid; grid-template-columns: 260px minmax(0, 1fr); gap: 18px; align-items: start; border: 2px solid var(--line); border-radius: 10px; padding: 14px; }
.ws-qr svg { display: block; width: 260px; height: 260px; }
.ws-qrtext h3 { font-size: 22px; margin-bottom: 6px; }
.ws-qrtext p { font-size: 17px; }
.ws-url { font-size: 13px !important; color: var(--muted); word-break: break-all; margin-top: 8px; max-height: 120px; overflow: auto; }
.ws-edit { display: flex; flex-direction: column; gap: 10px; flex: 1 1 auto; min-height: 0; }
.ws-editbar { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.ws-editbar .field { display: flex; align-items: center; gap: 8px; }
/* the list of indicators opens over the controls, so that the reset button stays where it is */
.ws-picker { flex: 1 1 220px; border: 1px solid #8795a6; border-radius: 6px; background: #fff; position: relative; }
.ws-picker[open] > .ws-pickpop { position: absolute; z-index: 6; left: -1px; width: min(600px, 90vw); top: 100%; background: #fff; border: 1px solid #8795a6; border-top: 0; border-radius: 0 0 6px 6px; box-shadow: 0 12px 24px rgba(15, 23, 32, .25); }
.ws-more { margin: -4px 0 0; font-size: 16px; color: var(--accent); font-weight: 600; }
.ws-picker > summary { min-height: 52px; padding: 10px 14px; cursor: pointer; font-weight: 600; }
.ws-pickpop > .hint { padding: 0 14px; }
.ws-picklist { max-height: 360px; overflow: auto; padding: 6px 14px 12px; font-size: 17px; }
.ws-picklist label { display: flex; gap: 8px; align-items: flex-start; padding: 6px 0; cursor: pointer; }
.ws-picklist input { width: 24px; height: 24px; flex: none; margin-top: 2px; }
.ws-controls { display: grid; gap: 10px; align-content: start; flex: 1 1 auto; min-height: 120px; overflow: auto; }
.ws-ind { border: 2px solid var(--line); border-radius: 10px; padding: 8px 14px; display: grid; gap: 4px; }
.ws-ind[data-changed] { border-color: var(--c-outlook); background: #fff7f2; }
.ws-indname { font-size: 20px; font-weight: 700; line-height: 1.35; }
.ws-indname small { font-weight: 400; color: var(--muted); font-size: 16px; }
.ws-inrow { display: flex; align-items: center; gap: 12px; }
dialog.ws .ws-inrow input[type="number"] { width: 170px; flex: none; min-height: 60px; font-size: 32px; font-weight: 700; font-variant-numeric: tabular-nums; }
.ws-indunit { font-size: 22px; }
.ws-down { font-size: 16px; color: var(--warn); margin-left: 10px; border: 1px solid var(--warn); border-radius: 4px; padding: 0 6px; }
.ws-legend-chart { font-size: 18px; margin-top: 8px; }
.ws-legend-chart .sw { width: 48px; height: 14px; }
.ws-ind input[type="range"] { flex: 1 1 auto; min-width: 120px; height: 44px; accent-color: var(--accent); cursor: pointer; }
.ws-given { font-size: 17px; color: var(--muted); }
.ws-nopick { font-size: 18px; }
dialog.ws .btn.ws-reset { min-height: 72px; font-size: 26px; font-weight: 800; background: var(--ink); color: #fff; border-color: var(--ink); gap: 16px; }
dialog.ws .btn.ws-reset:hover { background: #33414f; }
.ws-reset kbd { font: inherit; font-size: 17px; font-weight: 600; border: 1px solid #fff; border-radius: 4px; padding: 0 8px; }
dialog.ws .err { color: var(--ng); font-size: 17px; }
/* pooling */
.ws-poolin { display: grid; grid-template-columns: 520px minmax(0, 1fr); gap: 28px; align-items: start; }
.ws-poolleft { display: grid; gap: 14px; }
.ws-poolleft .intro { font-size: 18px; }
dialog.ws label, dialog.ws .hint { font-size: 17px; }
.ws-drop { border: 3px dashed #8795a6; border-radius: 10px; padding: 14px 18px; display: grid; gap: 10px; }
.ws-drop.over { border-color: var(--accent); background: var(--accent-soft); }
.ws-drop .field { display: grid; gap: 6px; }
.ws-drop textarea { width: 100%; font-size: 15px; font-family: ui-monospace, monospace; border: 1px solid #8795a6; border-radius: 6px; padding: 8px; }
.ws-drop .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
.ws-summary { font-size: 22px; font-weight: 700; }
.ws-problemsbox { border: 2px solid var(--ng); border-radius: 8px; padding: 8px 14px; background: var(--ng-soft); }
.ws-problemsbox summary { font-weight: 700; cursor: pointer; }
.ws-problems { max-height: 300px; overflow: auto; font-size: 17px; list-style: disc; padding-left: 24px; }
.ws-problems .dup { color: var(--muted); }
.ws-results { display: grid; gap: 20px; }
.ws-spread { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; align-items: start; }
dialog.ws .sec h3 { font-size: 24px; margin-bottom: 8px; }
dialog.ws .sec h4 { font-size: 20px; margin: 8px 0 4px; }
.ws-strip { display: block; width: 100%; height: auto; }
.ws-strip .grid text { font-size: 17px; }
.ws-strip .ws-stripyear { font-size: 18px; font-weight: 700; fill: var(--ink); }
.ws-dot { fill: rgba(10, 102, 194, .45); stroke: var(--c-plan); stroke-width: 1.5; }
.ws-base-mark { fill: #fff; stroke: var(--ink); stroke-width: 2.5; }
.ws-target-line { stroke: var(--c-outlook); stroke-width: 3; stroke-dasharray: 6 4; }
.ws-mark-label { font-size: 15px; font-weight: 700; fill: var(--c-outlook); }
.ws-legend { display: flex; gap: 20px; font-size: 16px; color: var(--muted); }
.ws-lg-dot { color: var(--c-plan); }
.ws-lg-target { color: var(--c-outlook); }
dialog.ws .mini-table { font-size: 16px; border-collapse: collapse; width: 100%; }
dialog.ws .mini-table th, dialog.ws .mini-table td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
dialog.ws .mini-table .num { text-align: right; }
dialog.ws .mini-table th, dialog.ws .mini-table td { white-space: normal; }
dialog.ws .ws-goals td.num { white-space: nowrap; }
.ws-peoplebox { max-height: 300px; overflow: auto; }
.ws-gid { font-weight: 800; }
/* a smaller screen (a laptop's, a tablet's): one column */
@media (max-width: 1400px), (max-height: 700px) {
  dialog.ws[open] { display: block; }
  .ws-present { height: auto; }
  .ws-side { height: auto; }
  .ws-present, .ws-poolin, .ws-spread { grid-template-columns: minmax(0, 1fr); }
  .ws-big { font-size: 48px; }
}
@media (max-width: 600px) {
  dialog.ws { padding: 12px; }
  .ws-tabs { flex-wrap: wrap; }
  dialog.ws .btn.ws-tab { white-space: normal; }
  .ws-qrsec { grid-template-columns: minmax(0, 1fr); }
  .ws-inrow { flex-wrap: wrap; }
}
`;
