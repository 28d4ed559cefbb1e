import { hydrate } from '@qollqa/persistence';
import { EntityManager } from 'typeorm';
import { Enterprise } from '../../enterprises/entities/enterprise.entity';
import { ApplicationException, ApplicationExceptionCode } from '../application.exception';
import { Application } from '../entities/application.entity';

/**
 * Loads an application locked for the rest of the transaction: two changes racing on one application
 * (two decisions, a score and a decision) happen one after the other, the second seeing the first.
 */
export async function findApplicationForUpdate(
  manager: EntityManager,
  id: string,
): Promise<Application | null> {
  // One statement with its enterprise (the ORM's locked find with a relation takes three).
  const [row]: Record<string, unknown>[] = await manager.query(
    `SELECT a.*, to_jsonb(e) AS enterprise_row FROM application a
     JOIN enterprise e ON e.id = a.enterprise_id WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  if (!row) return null;
  // The PIN's hash is never loaded with the application (as the entity says).
  const { pin_hash: _pinHash, enterprise_row: enterprise, ...columns } = row;
  const application = hydrate(manager, Application, columns);
  application.enterprise = hydrate(manager, Enterprise, enterprise as Record<string, unknown>);
  return application;
}

export async function lockApplication(manager: EntityManager, id: string): Promise<Application> {
  const application = await findApplicationForUpdate(manager, id);
  if (!application)
    throw new ApplicationException(
      ApplicationExceptionCode.NotFound,
      `Application ${id} not found`,
      { id },
    );
  return application;
}
