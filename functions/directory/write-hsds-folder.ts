/**
 * Writes a directory as HSDS files: JSON (services fully nested, organizations, locations, phones)
 * and CSV (one file per table, the specification's tabular form). Every object is checked against
 * the HSDS schemas first, so a file is never written that a consumer would reject.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  hsdsLocationSchema,
  hsdsOrganizationSchema,
  hsdsPhoneSchema,
  hsdsServiceSchema,
} from './hsds-schema.ts';
import { CSV_TABLES, type HsdsTables, jsonShapes, TABLE_NAMES, toCsv } from './hsds-tables.ts';

const SCHEMAS: Record<keyof ReturnType<typeof jsonShapes>, z.ZodType> = {
  services: hsdsServiceSchema,
  organizations: hsdsOrganizationSchema,
  locations: hsdsLocationSchema,
  phones: hsdsPhoneSchema,
};

export async function writeHsdsFolder(folder: string, tables: HsdsTables): Promise<string[]> {
  const shapes = jsonShapes(tables);
  for (const [list, objects] of Object.entries(shapes)) {
    for (const object of objects) SCHEMAS[list as keyof typeof SCHEMAS].parse(object);
  }
  await mkdir(path.join(folder, 'csv'), { recursive: true });
  const written: string[] = [];
  for (const [list, objects] of Object.entries(shapes)) {
    const file = path.join(folder, `${list}.json`);
    await writeFile(file, `${JSON.stringify(objects, null, 2)}\n`);
    written.push(file);
  }
  for (const name of TABLE_NAMES) {
    const file = path.join(folder, 'csv', CSV_TABLES[name].file);
    await writeFile(file, toCsv(name, tables));
    written.push(file);
  }
  return written;
}
