import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { readCsvPackage, type CsvPackage, type CsvRow, type CsvTable } from './hsds-csv.read.ts';
import {
  importServices,
  importTaxonomies,
  type ImportOptions,
  type ImportReport,
} from './service-import.service.ts';

// Imports an HSDS 3.0 / ORUK tabular package: the CSV rows are assembled into nested ORUK services
// (organization, locations with addresses and accessibility, schedules, contacts with phones, ...) and
// go through the same validation and upsert as a feed. Rows that belong to no service in the package
// are reported as warnings, not stored.

type Obj = Record<string, unknown>;

export interface CsvImportReport extends ImportReport {
  warnings: string[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function groupBy(rows: CsvRow[], column: string): Map<string, CsvRow[]> {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = str(row.values[column]);
    if (key !== undefined) {
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  return groups;
}

class Assembler {
  readonly warnings: string[] = [];
  private readonly used = new Set<CsvRow>();
  private readonly terms: Map<string, Obj>;
  private readonly attributesByLink: Map<string, CsvRow[]>;
  private readonly phonesByContact: Map<string, CsvRow[]>;
  private readonly phonesByService: Map<string, CsvRow[]>;

  constructor(private readonly pkg: CsvPackage) {
    this.terms = new Map(
      pkg.taxonomy_terms.flatMap((r) => (str(r.values.id) ? [[String(r.values.id), r.values]] : [])),
    );
    this.attributesByLink = groupBy(pkg.attributes, 'link_id');
    // A phone naming a contact belongs to that contact; other phones naming a service, to the service.
    this.phonesByContact = groupBy(pkg.phones, 'contact_id');
    this.phonesByService = groupBy(
      pkg.phones.filter((p) => p.values.contact_id === undefined),
      'service_id',
    );
  }

  private take(rows: CsvRow[] | undefined): Obj[] {
    return (rows ?? []).map((row) => {
      this.used.add(row);
      return { ...row.values };
    });
  }

  /** The entity with its attributes (taxonomy terms nested when the package has them). */
  private withAttributes(entity: Obj): Obj {
    const id = str(entity.id);
    const rows = id === undefined ? [] : this.attributesByLink.get(id);
    if (rows === undefined || rows.length === 0) {
      return entity;
    }
    const attributes = this.take(rows).map((attr) => {
      const term = this.terms.get(str(attr.taxonomy_term_id) ?? '');
      return term === undefined ? attr : { ...attr, taxonomy_term: term };
    });
    return { ...entity, attributes };
  }

  private readonly orgIdentifiers = (): Map<string, CsvRow[]> =>
    groupBy(this.pkg.organization_identifiers, 'organization_id');

  build(): { records: Obj[]; where: string[] } {
    const identifiers = this.orgIdentifiers();
    const organizations = new Map(
      this.take(this.pkg.organizations).map((org) => {
        const ids = this.take(identifiers.get(String(org.id))).map((x) => this.withAttributes(x));
        return [
          String(org.id),
          this.withAttributes(ids.length > 0 ? { ...org, organization_identifiers: ids } : org),
        ];
      }),
    );
    const addresses = groupBy(this.pkg.addresses, 'location_id');
    const access = groupBy(this.pkg.accessibility, 'location_id');
    const locations = new Map(
      this.take(this.pkg.locations).map((loc) => {
        const id = String(loc.id);
        const a = this.take(addresses.get(id)).map((x) => this.withAttributes(x));
        const b = this.take(access.get(id)).map((x) => this.withAttributes(x));
        return [
          id,
          this.withAttributes({
            ...loc,
            ...(a.length ? { addresses: a } : {}),
            ...(b.length ? { accessibility: b } : {}),
          }),
        ];
      }),
    );
    const records = this.pkg.services.map((row) => this.service(row, organizations, locations));
    this.reportUnused();
    return { records, where: this.pkg.services.map((r) => r.where) };
  }

  private readonly children = new Map<CsvTable, Map<string, CsvRow[]>>();

  private childrenOf(table: CsvTable, serviceId: string): Obj[] {
    let groups = this.children.get(table);
    if (groups === undefined) {
      groups = groupBy(this.pkg[table], 'service_id');
      this.children.set(table, groups);
    }
    return this.take(groups.get(serviceId));
  }

  private service(row: CsvRow, organizations: Map<string, Obj>, locations: Map<string, Obj>): Obj {
    this.used.add(row);
    const s: Obj = { ...row.values };
    const id = str(s.id) ?? '';
    const org = organizations.get(str(s.organization_id) ?? '');
    const sals = this.childrenOf('service_at_locations', id).map((sal) => {
      const location = locations.get(str(sal.location_id) ?? '');
      return location === undefined ? sal : { ...sal, location };
    });
    const contacts = this.childrenOf('contacts', id).map((c) => {
      const phones = this.take(this.phonesByContact.get(String(c.id)));
      return this.withAttributes(phones.length > 0 ? { ...c, phones } : c);
    });
    const lists: [string, Obj[]][] = [
      ['schedules', this.childrenOf('schedules', id)],
      ['service_areas', this.childrenOf('service_areas', id)],
      ['service_at_locations', sals],
      ['languages', this.childrenOf('languages', id)],
      ['funding', this.childrenOf('funding', id)],
      ['cost_options', this.childrenOf('cost_options', id)],
      ['contacts', contacts],
      ['phones', this.take(this.phonesByService.get(id))],
    ];
    for (const [key, list] of lists) {
      if (list.length > 0) {
        s[key] = list;
      }
    }
    return this.withAttributes(org === undefined ? s : { ...s, organization: org });
  }

  private reportUnused(): void {
    for (const table of [
      'schedules',
      'contacts',
      'phones',
      'languages',
      'service_areas',
      'cost_options',
      'funding',
      'service_at_locations',
      'attributes',
    ] as const) {
      const unused = this.pkg[table].filter((row) => !this.used.has(row));
      if (unused.length > 0) {
        const first = unused[0]?.where ?? '';
        this.warnings.push(
          `${unused.length} row(s) of ${table} belong to no service in the package and were not imported (first: ${first})`,
        );
      }
    }
  }
}

/**
 * Assembles a tabular package into nested ORUK services (pure).
 * @param pkg - the parsed CSV tables
 */
export function assembleCsvPackage(pkg: CsvPackage): { records: Obj[]; where: string[]; warnings: string[] } {
  const assembler = new Assembler(pkg);
  const { records, where } = assembler.build();
  return { records, where, warnings: assembler.warnings };
}

/**
 * Imports an HSDS 3.0 / ORUK tabular package folder: taxonomies and terms first, then services.
 * @param db - the database
 * @param tenantId - the tenant
 * @param folder - the folder holding the CSV files
 * @param options - batch size and progress callback
 */
export async function importCsvPackage(
  db: Kysely<Database>,
  tenantId: string,
  folder: string,
  options: ImportOptions = {},
): Promise<CsvImportReport> {
  const pkg = await readCsvPackage(folder);
  const { records, where, warnings } = assembleCsvPackage(pkg);
  const taxonomies = await importTaxonomies(db, tenantId, {
    taxonomies: pkg.taxonomies.map((r) => r.values),
    terms: pkg.taxonomy_terms.map((r) => r.values),
  });
  const report = await importServices(db, tenantId, records, {
    ...options,
    total: () => records.length,
    describe: (index) => where[index] ?? `#${index + 1}`,
  });
  return { ...report, taxonomies, warnings };
}
