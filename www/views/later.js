// What the page loads after its first render or on demand, as ONE chunk in dist/:
// the analysis (SPEC §8: the workers' adapter and the views that show its
// answers), the method controls, the chart's table and the errors view. One
// chunk, not one each: esbuild splits the modules they share with the first
// load by which lazy parts reach them, and each split costs the first load
// its own file and gzip dictionary.
import { addStrings } from '../modules/i18n.js';
import { en, ja } from './analysis-strings.js';
import * as chartExtras from './chart-extras.js';
import { setChartExtras } from './chart.js';

addStrings(ja, en);
setChartExtras(chartExtras);

export { Analysis } from '../modules/analysis.js';
export * as api from '../modules/analysis-api.js';
export * as band from './band.js';
export * as compare from './compare.js';
export * as contrib from './contrib.js';
export * as lagging from './lagging.js';
export * as chartTable from './chart-table.js';
export * as errors from './errors.js';
export * as methodBody from './method-body.js';
// ---- goal seek UI
export * as seek from './seek.js';
export * as seekCell from './seek-cell.js';
// ---- exports: the exports view and the print handout's lines; the scenario's name field (data.js)
export * as exportsView from './exports.js';
// ---- persist: the notices at the top, the kept dataset's writes and their actions, the file intake
export * as notices from './notices.js';
export * as persist from '../modules/persist.js';
export * as intake from '../modules/intake.js';
// ---- workshop: the workshop section and its strings; the presenter view is a chunk of its own (views/workshop.js)
export * as workshopEntry from './workshop-entry.js';
// ---- phone: the cards' semantics, the mini headline, the sliders' tap guard and range rule
export * as phone from './phone.js';
import { sliderRange } from '../modules/slider.js';
import { setSliderFit } from './indicators.js';
setSliderFit(sliderRange);
// ---- scale: a long list a page at a time (issue 15)
export * as pager from './pager.js';
