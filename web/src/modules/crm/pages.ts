// The CRM's lazily loaded chunk: every page and quick view (see index.tsx).
export { ContactsPage } from './ContactsPage';
export { ContactProfilePage } from './ContactProfilePage';
export { PipelinePage } from './PipelinePage';
export { DealPage } from './DealPage';
export { ForecastPage } from './ForecastPage';
export { ContactQuickView, DealQuickView } from './QuickViews';
export { DealsForecastWidget, NewContactsWidget } from './AnalyticsWidgets';
