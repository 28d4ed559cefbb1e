import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { compare, hash } from 'bcryptjs';
import { Repository } from 'typeorm';
import { StaffRole, User } from './entities/user.entity';

/** The demo users of API.md, present whenever demo data is on (never in production). */
export const DEMO_USERS: {
  username: string;
  password: string;
  role: StaffRole;
  fullName: string;
}[] = [
  {
    username: 'officer',
    password: 'officer-demo',
    role: 'loan_officer',
    fullName: 'Rosa Huamán (loan officer)',
  },
  {
    username: 'officer2',
    password: 'officer2-demo',
    role: 'loan_officer',
    fullName: 'Julio Ccori (loan officer)',
  },
  {
    username: 'manager',
    password: 'manager-demo',
    role: 'fund_manager',
    fullName: 'Elena Quispe (fund manager)',
  },
  { username: 'admin', password: 'admin-demo', role: 'admin', fullName: 'Administrador' },
];

const PASSWORD_COST = 10;
// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.gHkYgbD7bx0V0S1s1PZ2Y1Qm3/7e';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoData) await this.ensureDemoUsers();
  }

  /** The active user with these credentials, or null. */
  async verify(username: string, password: string): Promise<User | null> {
    const user = await this.users.findOne({
      where: { username: username.trim().toLowerCase(), active: true },
      select: {
        id: true,
        username: true,
        role: true,
        fullName: true,
        active: true,
        passwordHash: true,
      },
    });
    const matches = await compare(password, user?.passwordHash ?? DUMMY_HASH);
    return user && matches ? user : null;
  }

  async create(
    username: string,
    password: string,
    role: StaffRole,
    fullName: string,
  ): Promise<User> {
    const passwordHash = await hash(password, PASSWORD_COST);
    await this.users
      .createQueryBuilder()
      .insert()
      .values({ username, passwordHash, role, fullName, active: true })
      .orIgnore()
      .execute();
    return this.users.findOneByOrFail({ username });
  }

  private async ensureDemoUsers(): Promise<void> {
    for (const demo of DEMO_USERS) {
      if (!(await this.users.existsBy({ username: demo.username }))) {
        await this.create(demo.username, demo.password, demo.role, demo.fullName);
      }
    }
    this.logger.log('Demo users are present');
  }
}
