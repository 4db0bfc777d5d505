/** Validates a PlanDraft against the contract's JSON Schema (draft 2020-12), as the scorer's users will. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
// ajv ships CommonJS; requiring it avoids the default-export mismatch under ESM + TypeScript
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

let validate: ValidateFunction | undefined;
let ajv: InstanceType<typeof Ajv2020> | undefined;

/** null when the draft is valid, else ajv's description of every error. */
export function planDraftSchemaErrors(draft: unknown): string | null {
  if (!validate) {
    ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(new URL('./fixtures/plan-draft.schema.json', import.meta.url), 'utf8')));
  }
  return validate(draft) ? null : ajv!.errorsText(validate.errors);
}
