"""The workspace's "Feedback & leads" tab: the latest ratings with their comments, and the visitors who asked
for a consultant, in two tables (read from the feedback store on page load and on "Refresh")."""

from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.leads import FEEDBACK_HEADERS, LEAD_HEADERS, feedback_rows, lead_rows, summary

SHOWN = 200  # rows per table, newest first; `nearshore feedback export` writes them all


def build_leads_tab(gr, demo, feedback: FeedbackStore) -> None:
    gr.Markdown("What visitors said about the answers, and who asked to talk to a consultant. "
                "Everything as CSV: `nearshore feedback export` (add `--requests` for the leads).")
    refresh = gr.Button("Refresh", elem_id="leads-refresh")
    counts = gr.Markdown(elem_id="leads-summary")
    gr.Markdown("### Consultant requests (leads)")
    leads = gr.Dataframe(headers=LEAD_HEADERS, interactive=False, wrap=True, max_height=420, elem_id="leads-table",
                         datatype=["str"] * len(LEAD_HEADERS), column_widths=["14%", "16%", "20%", "28%", "22%"])
    gr.Markdown("### Ratings and comments")
    ratings = gr.Dataframe(headers=FEEDBACK_HEADERS, interactive=False, wrap=True, max_height=520,
                           elem_id="feedback-table", datatype=["str"] * len(FEEDBACK_HEADERS),
                           column_widths=["13%", "8%", "20%", "31%", "21%", "7%"])

    def load():
        import pandas as pd

        rated, asked = feedback.recent(SHOWN), feedback.recent_requests(SHOWN)
        return (summary(rated, asked, SHOWN), pd.DataFrame(lead_rows(asked), columns=LEAD_HEADERS),
                pd.DataFrame(feedback_rows(rated), columns=FEEDBACK_HEADERS))

    refresh.click(load, None, [counts, leads, ratings], api_name="feedback_and_leads")
    demo.load(load, None, [counts, leads, ratings], api_visibility="private")
