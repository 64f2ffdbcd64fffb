"""What a user can do, as plain functions over a `Workspace`, grouped by what the
user does: issues, plans, communes, checks, reports, exchange (import and export)
and gitflow. The CLI maps options to one call and hands the result to a format."""
