import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeclareEmergencyCommand, ListEmergenciesCommand, RepaymentRpc } from '@qollqa/contracts';
import { DeclareEmergencyService } from './services/declare-emergency.service';
import { EmergencyQueries } from './services/emergency-queries.service';

/** Emergencies over NATS: declared by a fund manager, listed for fund managers and admins. */
@Controller()
export class EmergenciesController {
  constructor(
    private readonly declareEmergency: DeclareEmergencyService,
    private readonly queries: EmergencyQueries,
  ) {}

  @MessagePattern(RepaymentRpc.DeclareEmergency)
  declare(@Payload() command: DeclareEmergencyCommand) {
    return this.declareEmergency.execute(command);
  }

  @MessagePattern(RepaymentRpc.ListEmergencies)
  list(@Payload() command: ListEmergenciesCommand) {
    return this.queries.page(command.actor, command.query);
  }
}
