import {
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  FileSearchOutlined,
  HomeOutlined,
  ProjectOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n.ts';
import { RECEIPT_VERIFY_PATH } from '../ledger/verify-link.ts';
import { OPERATOR_ROLE, type Platform, type Role } from '../shared-domain.ts';

/** Who sees a menu item: everyone signed in, or holders of the listed roles on each platform. */
export type NavAccess = 'everyone' | Readonly<Partial<Record<Platform, readonly Role[]>>>;

export interface NavItem {
  /** Also the menu item's test id: `nav-<key>`. */
  readonly key: string;
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ComponentType;
  readonly access: NavAccess;
  readonly page: LazyExoticComponent<ComponentType>;
  /** A page reached from another (a detail or a wizard): routed, but not in the menu. */
  readonly hidden?: boolean;
}

/** Each platform's operator administers that platform's organisations, users and audit log. */
const OPERATORS: NavAccess = {
  trading: [OPERATOR_ROLE.trading],
  hub: [OPERATOR_ROLE.hub],
  supervision: [OPERATOR_ROLE.supervision],
};
const TRADING_PARTIES: NavAccess = { trading: ['tenderer', 'agency', 'bidder', 'expert'] };
/** Who runs a tender: the tenderer, or the agency it entrusted. */
const TENDER_OWNERS: NavAccess = { trading: ['tenderer', 'agency'] };
const BIDDERS: NavAccess = { trading: ['bidder'] };
const NOTICE_READERS: NavAccess = { trading: ['tenderer', 'agency', 'bidder'] };
const EXPERTS: NavAccess = { trading: ['expert'] };
const TRADING_OPERATOR: NavAccess = { trading: ['platform_operator'] };

/** The menu, in order. A new page is one line here. */
// prettier-ignore
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: HomeOutlined, access: 'everyone', page: lazy(() => import('../pages/HomePage.tsx')) },
  { key: 'my-organisation', path: '/my-organisation', label: 'nav.my-organisation', icon: ShopOutlined, access: TRADING_PARTIES, page: lazy(() => import('../pages/MyOrganisationPage.tsx')) },
  { key: 'projects', path: '/projects', label: 'nav.projects', icon: ProjectOutlined, access: TENDER_OWNERS, page: lazy(() => import('../pages/ProjectsPage.tsx')) },
  { key: 'project-new', path: '/projects/new', label: 'nav.project-new', icon: ProjectOutlined, access: TENDER_OWNERS, hidden: true, page: lazy(() => import('../pages/ProjectWizardPage.tsx')) },
  { key: 'project-edit', path: '/projects/:id/edit', label: 'nav.project-new', icon: ProjectOutlined, access: TENDER_OWNERS, hidden: true, page: lazy(() => import('../pages/ProjectWizardPage.tsx')) },
  { key: 'project-detail', path: '/projects/:id', label: 'nav.project-detail', icon: ProjectOutlined, access: TENDER_OWNERS, hidden: true, page: lazy(() => import('../pages/ProjectDetailPage.tsx')) },
  { key: 'tenders', path: '/tenders', label: 'nav.tenders', icon: FileSearchOutlined, access: BIDDERS, page: lazy(() => import('../pages/TendersPage.tsx')) },
  { key: 'tender-detail', path: '/tenders/:id', label: 'nav.tender-detail', icon: FileSearchOutlined, access: BIDDERS, hidden: true, page: lazy(() => import('../pages/TenderDetailPage.tsx')) },
  { key: 'bid-results', path: '/results', label: 'nav.bid-results', icon: TrophyOutlined, access: BIDDERS, page: lazy(() => import('../pages/BidderResultsPage.tsx')) },
  { key: 'workspace', path: '/workspace', label: 'nav.workspace', icon: ReconciliationOutlined, access: EXPERTS, page: lazy(() => import('../pages/ExpertWorkspacePage.tsx')) },
  { key: 'workspace-session', path: '/workspace/:sectionId', label: 'nav.workspace', icon: ReconciliationOutlined, access: EXPERTS, hidden: true, page: lazy(() => import('../pages/EvaluationSessionPage.tsx')) },
  { key: 'opening-hall', path: '/opening-hall/:id', label: 'nav.opening-hall', icon: FileSearchOutlined, access: NOTICE_READERS, hidden: true, page: lazy(() => import('../pages/OpeningHallPage.tsx')) },
  { key: 'notices', path: '/notices', label: 'nav.notices', icon: BellOutlined, access: NOTICE_READERS, page: lazy(() => import('../pages/NoticesPage.tsx')) },
  { key: 'receipt-verify', path: RECEIPT_VERIFY_PATH, label: 'nav.receipt-verify', icon: SafetyCertificateOutlined, access: 'everyone', page: lazy(() => import('../pages/LedgerVerifyPage.tsx')) },
  { key: 'exchange-outgoing', path: '/exchange/outgoing', label: 'nav.exchange-outgoing', icon: SwapOutlined, access: TRADING_OPERATOR, page: lazy(() => import('../pages/exchange/OutgoingPage.tsx')) },
  { key: 'expert-pool', path: '/experts', label: 'nav.expert-pool', icon: SolutionOutlined, access: TRADING_OPERATOR, page: lazy(() => import('../pages/ExpertPoolPage.tsx')) },
  { key: 'organisations', path: '/organisations', label: 'nav.organisations', icon: BankOutlined, access: OPERATORS, page: lazy(() => import('../pages/OrganisationsPage.tsx')) },
  { key: 'users', path: '/users', label: 'nav.users', icon: TeamOutlined, access: OPERATORS, page: lazy(() => import('../pages/UsersPage.tsx')) },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: AuditOutlined, access: OPERATORS, page: lazy(() => import('../pages/AuditLogPage.tsx')) },
];

export function canAccess(access: NavAccess, platform: Platform, roles: readonly Role[]): boolean {
  if (access === 'everyone') return true;
  return (access[platform] ?? []).some((role) => roles.includes(role));
}

/** The menu entries the user may open (pages reached from other pages are left out). */
export function visibleNavItems(platform: Platform, roles: readonly Role[]): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => !item.hidden && canAccess(item.access, platform, roles));
}
