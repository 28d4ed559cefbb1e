import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApplicationView, SYSTEM_ACTOR } from '@qollqa/contracts';
import { In, Repository } from 'typeorm';
import { User } from '../entities/user.entity';

/**
 * The names people know staff by. The services record who acted by username (an application's
 * timeline and decision); the gateway, which owns the staff accounts, gives each its display name
 * when it answers: one query for every username of an answer.
 */
@Injectable()
export class StaffNames {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** username → display name, for those that are staff accounts; `known` ones are not read again. */
  async of(
    usernames: Iterable<string>,
    known: ReadonlyMap<string, string> = new Map(),
  ): Promise<Map<string, string>> {
    const names = new Map(known);
    const wanted = [...new Set(usernames)].filter(
      (name) => name && name !== SYSTEM_ACTOR && !names.has(name),
    );
    if (wanted.length === 0) return names;
    const users = await this.users.find({
      select: { username: true, displayName: true },
      where: { username: In(wanted) },
    });
    for (const user of users) names.set(user.username, user.displayName);
    return names;
  }

  /**
   * Fills the names of the applications: `byName` on every timeline entry (the staff member's
   * display name, null for the system, `by` itself for anyone else: a family acts by its
   * reference), and on the decision `byName` and `secondApprovalByName`. `known` names (the one
   * asking, see KnownStaffNames) are not read again.
   */
  async fill<T extends ApplicationView | ApplicationView[]>(
    answer: T,
    known?: ReadonlyMap<string, string>,
  ): Promise<T> {
    const applications: ApplicationView[] = Array.isArray(answer) ? answer : [answer];
    const entries = applications.flatMap((application) => application.timeline ?? []);
    const decisions = applications.flatMap((application) =>
      application.decision ? [application.decision] : [],
    );
    const names = await this.of(
      [
        ...entries.map((entry) => entry.by),
        ...decisions.flatMap((decision) => [decision.by, decision.secondApprovalBy ?? '']),
      ],
      known,
    );
    const nameOf = (by: string) => (by === SYSTEM_ACTOR ? null : (names.get(by) ?? by));
    for (const entry of entries) entry.byName = nameOf(entry.by);
    for (const decision of decisions) {
      decision.byName = decision.by ? nameOf(decision.by) : null;
      decision.secondApprovalByName = decision.secondApprovalBy
        ? nameOf(decision.secondApprovalBy)
        : null;
    }
    return answer;
  }
}
