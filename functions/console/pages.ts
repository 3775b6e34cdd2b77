/**
 * The console's page table: every page under /console, with who may open it, what it loads and
 * what its forms do. The middleware's gate checks it before any page code runs; a console path
 * that is not listed here does not exist, and the role-matrix test walks this list beside the API's
 * route table. The loads and actions live with their capability.
 */
import { previewPage } from '../cms/preview-page.ts';
import { directoryPage } from '../directory/directory-page.ts';
import { jobsPage } from '../jobs/jobs-page.ts';
import { partnersPage } from '../referrals/partners-page.ts';
import { referPage } from '../referrals/refer-page.ts';
import { intakePage, intakeQueuePage, referralPage, referralsPage } from '../referrals/referral-pages.ts';
import { handleApi } from '../routes.ts';
import { simulatorPage } from '../sms/simulator/simulator-page.ts';
import { loginPage, logoutPage, secondFactorPage, setupPage } from '../staff/sign-in-pages.ts';
import { staffAccountsPage } from '../staff/staff-page.ts';
import { statisticsPage } from '../statistics/dashboard-page.ts';
import { createPageGate } from './page-gate.ts';
import type { ConsolePage } from './page-table.ts';
import { floorPage, itemPage, queuePage } from './queue-pages.ts';
import { searchPage } from './search-page.ts';

export const consolePages: readonly ConsolePage[] = [
  // Signing in: public steps, each form checking its origin (and the second its CSRF token).
  loginPage,
  secondFactorPage,
  setupPage,
  logoutPage,
  // The hotline.
  queuePage,
  itemPage,
  searchPage,
  referPage,
  floorPage,
  // Referrals, both sides.
  referralsPage,
  referralPage,
  intakeQueuePage,
  intakePage,
  partnersPage,
  // Administration and tools.
  staffAccountsPage,
  statisticsPage,
  directoryPage,
  jobsPage,
  simulatorPage(() => handleApi),
  previewPage,
];

export const openConsoleRequest = createPageGate(consolePages);
