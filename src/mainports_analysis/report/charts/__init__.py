"""Charts in the house style: one colour per place, titles that state the finding, units and source."""
