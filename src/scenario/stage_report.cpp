// Stage "report": the estate report of the run (run_report.hpp) as a self-contained HTML file
// and an A4 PDF. It runs last, so it sees every other stage's results; like every stage it
// writes nothing itself: the runner commits report.html and report.pdf with the other outputs.

#include "scenario/run_context.hpp"
#include "scenario/run_report.hpp"

#include <pooled/report/document.hpp>

namespace pooled::scenario::detail {

namespace {

void run(RunContext &ctx, const Progress &progress) {
    const report::Report report = run_report(ctx);
    progress.report(0.2, "report");
    report::HtmlOptions html;
    html.figures = ctx.scenario.outputs.report_format == "svg" ? report::ImageFormat::svg : report::ImageFormat::png;
    ctx.files.push_back(OutputFile{"report.html", report::report_html(report, html), "report"});
    progress.report(0.6, "report");
    ctx.files.push_back(OutputFile{"report.pdf", report::report_pdf(report), "report"});
    progress.report(1.0, "report");
}

bool applies(const Scenario &s) { return s.outputs.report; }

} // namespace

Stage report_stage() { return Stage{"report", &applies, &run}; }

} // namespace pooled::scenario::detail
