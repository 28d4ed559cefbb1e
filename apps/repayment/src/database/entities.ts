import { BusinessDate } from '../business-date/entities/business-date.entity';
import { EmergencyLoan } from '../emergencies/entities/emergency-loan.entity';
import { Emergency } from '../emergencies/entities/emergency.entity';
import { Installment } from '../loans/entities/installment.entity';
import { Loan } from '../loans/entities/loan.entity';
import { RepaymentAllocation } from '../repayments/entities/repayment-allocation.entity';
import { Repayment } from '../repayments/entities/repayment.entity';
import { Reprogramming } from '../reprogramming/entities/reprogramming.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { LoanVersion1764600000000 } from './migrations/1764600000000-loan-version';
import { RepaymentReversal1764731000000 } from './migrations/1764731000000-repayment-reversal';
import { CloseHistory1764731100000 } from './migrations/1764731100000-close-history';
import { SearchAndCollections1764731300000 } from './migrations/1764731300000-search-and-collections';
import { Reprogramming1764840100000 } from './migrations/1764840100000-reprogramming';

export const entities = [
  Loan,
  Installment,
  Repayment,
  RepaymentAllocation,
  BusinessDate,
  Reprogramming,
  Emergency,
  EmergencyLoan,
];
export const migrations = [
  InitialSchema1763800000000,
  LoanVersion1764600000000,
  RepaymentReversal1764731000000,
  CloseHistory1764731100000,
  SearchAndCollections1764731300000,
  Reprogramming1764840100000,
];
