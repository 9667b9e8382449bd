import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { ImportSourceError } from './http-json.ts';

// Reads an HSDS 3.0 / ORUK tabular package: a folder of CSV files, one per table. The uk-profile and
// openreferral examples spell some files differently (address.csv / addresses.csv, schedule.csv /
// schedules.csv, attribute.csv / attributes.csv...), so each table accepts its plural and singular name.

export type CsvTable =
  | 'services'
  | 'organizations'
  | 'organization_identifiers'
  | 'locations'
  | 'service_at_locations'
  | 'addresses'
  | 'accessibility'
  | 'phones'
  | 'schedules'
  | 'taxonomies'
  | 'taxonomy_terms'
  | 'attributes'
  | 'contacts'
  | 'cost_options'
  | 'languages'
  | 'service_areas'
  | 'funding';

const FILE_NAMES: Record<CsvTable, string[]> = {
  services: ['services.csv', 'service.csv'],
  organizations: ['organizations.csv', 'organization.csv'],
  organization_identifiers: ['organization_identifiers.csv', 'organization_identifier.csv'],
  locations: ['locations.csv', 'location.csv'],
  service_at_locations: ['service_at_locations.csv', 'service_at_location.csv'],
  addresses: ['addresses.csv', 'address.csv'],
  accessibility: ['accessibility.csv', 'accessibilities.csv', 'accessibility_for_disabilities.csv'],
  phones: ['phones.csv', 'phone.csv'],
  schedules: ['schedules.csv', 'schedule.csv'],
  taxonomies: ['taxonomies.csv', 'taxonomy.csv'],
  taxonomy_terms: ['taxonomy_terms.csv', 'taxonomy_term.csv'],
  attributes: ['attributes.csv', 'attribute.csv'],
  contacts: ['contacts.csv', 'contact.csv'],
  cost_options: ['cost_options.csv', 'cost_option.csv'],
  languages: ['languages.csv', 'language.csv'],
  service_areas: ['service_areas.csv', 'service_area.csv'],
  funding: ['funding.csv', 'fundings.csv'],
};

/** Columns that hold numbers in ORUK JSON; anything else stays text. */
const NUMBER_COLUMNS = new Set(['minimum_age', 'maximum_age', 'latitude', 'longitude', 'amount', 'interval']);

export interface CsvRow {
  /** Non-empty cells only, numbers converted. */
  values: Record<string, unknown>;
  /** "services.csv line 4" */
  where: string;
}

export type CsvPackage = Record<CsvTable, CsvRow[]>;

function convert(column: string, cell: string): unknown {
  if (NUMBER_COLUMNS.has(column) && /^\s*-?\d+(\.\d+)?\s*$/.test(cell)) {
    return Number(cell);
  }
  return cell;
}

function parseCsv(file: string, text: string): CsvRow[] {
  type Parsed = { record: Record<string, string>; info: { lines: number } };
  let records: Parsed[];
  try {
    // Some published packages (the uk-profile examples) end lines with \r\r\n: normalise line ends first.
    records = parse<Parsed>(text.replace(/\r+\n?/g, '\n'), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ImportSourceError(`${file}: ${error.message}`);
    }
    throw error;
  }
  const first = records.at(0);
  if (first !== undefined && !('id' in first.record)) {
    throw new ImportSourceError(`${file}: the header row has no "id" column`);
  }
  return records.map(({ record, info }) => {
    const values: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (cell.trim() !== '') {
        values[column] = convert(column, cell);
      }
    }
    return { values, where: `${file} line ${info.lines}` };
  });
}

/**
 * Reads every table of a tabular package folder. Throws ImportSourceError naming the file and line when
 * a CSV is malformed, and when services.csv is missing.
 * @param folder - the package folder
 */
export async function readCsvPackage(folder: string): Promise<CsvPackage> {
  let present: string[];
  try {
    present = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportSourceError(
      code === 'ENOENT'
        ? `${folder}: no such folder`
        : `${folder}: cannot be read as a folder (${code ?? 'error'})`,
    );
  }
  const byLowerName = new Map(present.map((name) => [name.toLowerCase(), name]));
  const tables = {} as CsvPackage;
  for (const [table, names] of Object.entries(FILE_NAMES) as [CsvTable, string[]][]) {
    const name = names.map((n) => byLowerName.get(n)).find((n) => n !== undefined);
    if (name === undefined) {
      if (table === 'services') {
        throw new ImportSourceError(
          `${folder}: services.csv is missing (a tabular ORUK/HSDS package needs one)`,
        );
      }
      tables[table] = [];
      continue;
    }
    tables[table] = parseCsv(name, await readFile(join(folder, name), 'utf8'));
  }
  return tables;
}
