"""The portfolio: every assessment a user may see, filtered, sorted, paged and exported
(/assessments/, its CSV and Excel downloads, and the API's list)."""
