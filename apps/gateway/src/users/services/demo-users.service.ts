import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { Repository } from 'typeorm';
import { CreateUserDto } from '../dtos/user.dtos';
import { User } from '../entities/user.entity';
import { UsersException, UsersExceptionCode } from '../users.exception';
import { CreateUserService } from './create-user.service';

/**
 * The demo users of API.md, present whenever demo data is on (never in production). Their passwords
 * are the documented ones, shorter than the 12 characters a new password needs: they are created
 * through the same use case, without the HTTP body's validation.
 */
export const DEMO_USERS: CreateUserDto[] = [
  {
    username: 'officer',
    password: 'officer-demo',
    role: 'loan_officer',
    displayName: 'Rosa Huamán',
  },
  {
    username: 'officer2',
    password: 'officer2-demo',
    role: 'loan_officer',
    displayName: 'Julio Ccori',
  },
  {
    username: 'manager',
    password: 'manager-demo',
    role: 'fund_manager',
    displayName: 'Elena Quispe',
  },
  { username: 'admin', password: 'admin-demo', role: 'admin', displayName: 'Administrador' },
];

@Injectable()
export class DemoUsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoUsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly createUser: CreateUserService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    for (const demo of DEMO_USERS) {
      if (await this.users.existsBy({ username: demo.username })) continue;
      await this.createUser.execute(demo).catch((err) => {
        // Another replica starting at the same time created it first.
        if (!(err instanceof UsersException && err.code === UsersExceptionCode.UsernameTaken))
          throw err;
      });
    }
    this.logger.log('Demo users are present');
  }
}
