// The scanners the gateway and `gatehouse scan` run, by name. Each module stays pure and
// stand-alone; this is the one place that lists them.
import type { ScannerFactories } from '../policy/runtime.js';
import { createInjectionScanner } from './injection.js';
import { createLeakScanner } from './leak.js';
import { createMarkupScanner } from './markup.js';
import { createPiiScanner } from './pii.js';
import { createSecretsScanner } from './secrets.js';

export const SCANNER_FACTORIES: ScannerFactories = {
  injection: createInjectionScanner,
  pii: createPiiScanner,
  secrets: createSecretsScanner,
  leak: createLeakScanner,
  markup: createMarkupScanner,
};
