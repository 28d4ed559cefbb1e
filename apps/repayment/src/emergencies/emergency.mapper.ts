import { EmergencyView } from '@qollqa/contracts';
import { EmergencyLoan } from './entities/emergency-loan.entity';
import { Emergency } from './entities/emergency.entity';

/** An emergency with what became of each loan it found (pending ones are in neither list). */
export function toEmergencyView(emergency: Emergency, loans: EmergencyLoan[]): EmergencyView {
  const sorted = [...loans].sort((a, b) => a.reference.localeCompare(b.reference));
  return {
    id: emergency.id,
    name: emergency.name,
    declaredOn: emergency.declaredOn,
    municipalities: emergency.municipalities,
    valueChains: emergency.valueChains,
    reason: emergency.reason,
    extensionMonths: emergency.extensionMonths,
    graceMonths: emergency.graceMonths,
    declaredBy: emergency.declaredBy,
    declaredAt: emergency.declaredAt.toISOString(),
    businessDate: emergency.businessDate,
    status: emergency.status,
    reprogrammed: sorted
      .filter((loan) => loan.outcome === 'reprogrammed')
      .map((loan) => loan.loanId),
    skipped: sorted
      .filter((loan) => loan.outcome === 'skipped')
      .map((loan) => ({ loanId: loan.loanId, reference: loan.reference, why: loan.why! })),
  };
}
