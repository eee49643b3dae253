"""yankao 研考: the system of a city's Research, Development and Evaluation Commission."""
