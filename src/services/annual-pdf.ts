/**
 * PDF of an annual report: the Word file converted by the shared LibreOffice converter (services/pdf.ts),
 * which the cockpit and the period summary use too. Kept as the annual reports' import point.
 */
export { docxToPdf, sofficePath } from './pdf.ts';
