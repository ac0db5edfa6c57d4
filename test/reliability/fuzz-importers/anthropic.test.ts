// One importer per file so Vitest's workers can spread the fuzzing; the property is in ../support/importer-fuzz.ts.
import { fuzzImporter } from '../support/importer-fuzz.ts';

fuzzImporter('anthropic');
