"""Ideas for youth projects from the jongerenhubs form, passed on to the city's mailbox."""
