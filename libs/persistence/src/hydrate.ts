import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row a hand-written query returned (the table's own column names): the values
 * converted as TypeORM would when it loads the entity (dates, numbers, the column transformers such
 * as Decimal amounts). For a hot path that reads several things in one statement.
 */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    const value = manager.connection.driver.prepareHydratedValue(row[column.databaseName], column);
    column.setEntityValue(entity, value);
  }
  return entity;
}

/**
 * The values of an entity's own columns (not its key, not the times TypeORM keeps, not relations),
 * for `manager.update`: writes a loaded entity back in one statement, without the read `save()`
 * makes first to find what changed. A column the entity holds no value for is left alone.
 */
export function columnValues<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entity: T,
): Partial<T> {
  const metadata = manager.connection.getMetadata(target);
  const values: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    if (column.isPrimary || column.isCreateDate || column.isUpdateDate || column.relationMetadata) {
      continue;
    }
    const value = column.getEntityValue(entity);
    if (value !== undefined) values[column.propertyName] = value;
  }
  return values as Partial<T>;
}
