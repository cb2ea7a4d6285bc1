using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Interchange.Contracts;

namespace Probity.AccessMonitoring.Simulation;

internal sealed partial class AccessSimulation
{
    /// <summary>
    /// Adds the simulation's reference data to a PIF-1 bundle (persons.csv, associations.csv, assignments.csv, and the
    /// synthetic units and staff when no real staff were given), so it goes in through the normal import.
    /// </summary>
    public void AddTo(PifBundle bundle)
    {
        if (_o.Staff is null)
        {
            foreach (var unit in _users.Select(u => (u.Unit, Role: _roles[u.Role].Name)).Distinct())
                bundle.Units.Add(new Unit { Id = unit.Unit, Name = $"{Kernel.Vocabulary.Describe(unit.Role)} team {unit.Unit}", Kind = "team" });
            foreach (var user in _users)
                bundle.Staff.Add(new StaffMember { Id = user.Id, DisplayName = $"Simulated user {user.Id}", StaffType = "officer", Rank = "pc", UnitId = user.Unit });
        }
        var persons = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in _flagged) persons[p.PersonId] = string.Join(';', p.Flags);
        foreach (var a in _associations) persons.TryAdd(a.PersonId, null);
        foreach (var (id, flags) in persons) bundle.Persons.Add(new RecordPerson { Id = id, Flags = flags });
        foreach (var a in _associations.DistinctBy(a => (a.StaffId, a.PersonId, a.Relation)))
            bundle.Associations.Add(new StaffAssociation { StaffId = a.StaffId, PersonId = a.PersonId, Relation = a.Relation, Source = a.Source, FromDate = a.From, ToDate = a.To });
        foreach (var a in _assignments)
        {
            var row = new Assignment
            {
                RowKey = "", StaffId = a.StaffId, ReasonRef = a.ReasonRef, RecordType = a.RecordType, RecordId = a.RecordId,
                SubjectPersonId = a.SubjectPersonId, FromTime = a.From, ToTime = a.To,
            };
            row.RowKey = PifFiles.AssignmentKey(row);
            bundle.Assignments.Add(row);
        }
    }
}
