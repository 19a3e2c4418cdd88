// The red-team simulator: an attack catalog (data, one file per category), converters that
// multiply it, canary-based judges, HTTP target clients, a bounded-concurrency runner, and
// reports (JSON, Markdown, HTML, SARIF, JUnit). The CLI (`gatehouse redteam`) only parses flags.
export { CATALOG } from './catalog/index.js';
export { CONVERTER_NAMES, CONVERTERS, selectConverters } from './converters.js';
export { startDemo } from './demo.js';
export { findCanary, judge } from './judges.js';
export { FORMATS, type Format, writeReports } from './report/index.js';
export { countsOf } from './report/summary.js';
export { failOnMatches, parseCategories, runRedteam, toolVersion } from './run.js';
export { createHttpTarget, type Target, type TargetOptions } from './targets.js';
export * from './types.js';
